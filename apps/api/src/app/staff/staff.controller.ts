import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  OneTimePasswordResponse,
  StaffAccount,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { CreateStaffDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';

/** 職員管理: staff accounts and roles of the admin's own credit union. */
@ApiTags('staff')
@Controller('staff')
@RequirePermission('staff.manage')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOkResponse({
    description: 'Every staff account of the credit union, by username.',
  })
  list(): Promise<StaffAccount[]> {
    return this.staff.list();
  }

  @Post()
  @ApiCreatedResponse({
    description: 'The account and its one-time password (shown once).',
  })
  create(@Body() body: CreateStaffDto): Promise<OneTimePasswordResponse> {
    return this.staff.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({
    description:
      'Role, display name or disabled changed; disabling ends the sessions.',
  })
  update(
    @Param('id') id: string,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffAccount> {
    return this.staff.update(id, body);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'A new one-time password (shown once); the account must change it.',
  })
  resetPassword(@Param('id') id: string): Promise<OneTimePasswordResponse> {
    return this.staff.resetPassword(id);
  }
}
