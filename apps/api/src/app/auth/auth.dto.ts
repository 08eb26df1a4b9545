import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ChangePasswordRequest, LoginRequest } from '@certdesk/contracts';

const REQUIRED = '入力してください';
const TEXT = '文字列で指定してください';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'manager-1001' })
  @IsString({ message: TEXT })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(64, { message: '64文字以内で入力してください' })
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString({ message: TEXT })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(1024, { message: '1024文字以内で入力してください' })
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString({ message: TEXT })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(1024, { message: '1024文字以内で入力してください' })
  currentPassword!: string;

  /** The policy (length, common passwords …) is checked by the service, which lists every reason. */
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 128 })
  @IsString({ message: TEXT })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(1024, { message: '1024文字以内で入力してください' })
  newPassword!: string;
}
