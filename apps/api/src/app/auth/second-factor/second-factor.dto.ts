import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import type {
  SecondFactorPolicyName,
  SecondFactorProof,
} from '@certdesk/contracts';
import { SECOND_FACTOR_POLICIES } from '@certdesk/domain';

const SIX_DIGITS = '認証アプリに表示されている6桁の数字を入力してください';
const TEXT = '文字列で指定してください';
const ANSWER = 'パスキーの応答をそのまま送ってください';

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString({ message: SIX_DIGITS })
  @Matches(/^\s*\d{6}\s*$/, { message: SIX_DIGITS })
  code!: string;
}

export class RegisterPasskeyDto {
  @ApiProperty({
    description: 'The answer of @simplewebauthn/browser startRegistration.',
  })
  @IsObject({ message: ANSWER })
  response!: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 100, example: '窓口PCのWindows Hello' })
  @IsOptional()
  @IsString({ message: TEXT })
  @MaxLength(100, { message: '名前は100文字以内で入力してください' })
  name?: string;
}

/** Exactly one of the three (the service refuses none or several like a wrong proof). */
export class SecondFactorProofDto implements SecondFactorProof {
  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @IsString({ message: SIX_DIGITS })
  @Matches(/^\s*\d{6}\s*$/, { message: SIX_DIGITS })
  totpCode?: string;

  @ApiPropertyOptional({ example: 'ABCDE-FGHJK' })
  @IsOptional()
  @IsString({ message: TEXT })
  @IsNotEmpty({ message: 'リカバリーコードを入力してください' })
  @MaxLength(32, { message: 'リカバリーコードは32文字以内です' })
  recoveryCode?: string;

  @ApiPropertyOptional({
    description: 'The answer of @simplewebauthn/browser startAuthentication.',
  })
  @IsOptional()
  @IsObject({ message: ANSWER })
  passkey?: Record<string, unknown>;
}

export class SecondFactorPolicyDto {
  @ApiProperty({ enum: SECOND_FACTOR_POLICIES })
  @IsIn(SECOND_FACTOR_POLICIES, {
    message: `policy は ${SECOND_FACTOR_POLICIES.join(', ')} のいずれかで指定してください`,
  })
  policy!: SecondFactorPolicyName;
}
