import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import type {
  CreateStaffRequest,
  StaffRoleName,
  UpdateStaffRequest,
} from '@certdesk/contracts';
import { STAFF_ROLES } from '@certdesk/domain';
import { normaliseUsername, USERNAME_FORMAT, USERNAME_RULE } from './username';

const ROLE_RULE = `役割は ${STAFF_ROLES.join(', ')} のいずれかを指定してください`;
const DISPLAY_NAME_RULE = '表示名は1〜100文字で入力してください';
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const present = (_: object, value: unknown): boolean => value !== undefined;

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({
    example: 'yamada',
    description: 'Unique across the installation; stored in lower case.',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseUsername(value) : value,
  )
  @IsString({ message: USERNAME_RULE })
  @Matches(USERNAME_FORMAT, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ example: '山田 太郎' })
  @Transform(trim)
  @IsString({ message: DISPLAY_NAME_RULE })
  @Length(1, 100, { message: DISPLAY_NAME_RULE })
  displayName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: ROLE_RULE })
  role!: StaffRoleName;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @ValidateIf(present)
  @IsIn(STAFF_ROLES, { message: ROLE_RULE })
  role?: StaffRoleName;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @Transform(trim)
  @IsString({ message: DISPLAY_NAME_RULE })
  @Length(1, 100, { message: DISPLAY_NAME_RULE })
  displayName?: string;

  @ApiPropertyOptional({
    description: 'true disables the account and ends all its sessions at once.',
  })
  @ValidateIf(present)
  @IsBoolean({ message: 'true または false で指定してください' })
  disabled?: boolean;
}
