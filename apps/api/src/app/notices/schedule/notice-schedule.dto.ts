import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
} from 'class-validator';

/** Body of `PUT /api/notice-schedule`; the milestones' meaning is checked by libs/domain `validateMilestones`. */
export class UpdateNoticeScheduleDto {
  @IsArray({ message: '通知日（milestones）は日数の配列で指定してください' })
  @ArrayMaxSize(10, { message: '通知日は10件以内で指定してください' })
  @IsInt({
    each: true,
    message:
      '通知日は整数（有効期限日からの日数。前は正、後は負）で指定してください',
  })
  milestones!: number[];

  @IsOptional()
  @IsBoolean({
    message: 'reissueReadyEnabled は true か false で指定してください',
  })
  reissueReadyEnabled?: boolean;
}
