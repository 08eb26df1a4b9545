import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  OneTimePasswordResponse,
  StaffAccount,
  StaffChangePending,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { CreateStaffDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';
import { idParam } from '../infra/http/id-param';
import { StepUp } from '../auth/second-factor/step-up.decorator';

const PENDING =
  'Granting manager or admin, or resetting an admin’s password: a pending change for a second admin (StaffChangePending).';

/** 202 Accepted when the change waits for a second admin. */
function answer<T extends object>(res: Response, result: T): T {
  if ('pendingChange' in result) res.status(202);
  return result;
}

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

  @StepUp()
  @Post()
  @ApiCreatedResponse({
    description: 'The account and its one-time password (shown once).',
  })
  @ApiAcceptedResponse({ description: PENDING })
  async create(
    @Body() body: CreateStaffDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OneTimePasswordResponse | StaffChangePending> {
    return answer(res, await this.staff.create(body));
  }

  @StepUp()
  @Patch(':id')
  @ApiOkResponse({
    description:
      'Role, display name or disabled changed; disabling ends the sessions.',
  })
  @ApiAcceptedResponse({ description: PENDING })
  async update(
    @Param('id', idParam()) id: string,
    @Body() body: UpdateStaffDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffAccount | StaffChangePending> {
    return answer(res, await this.staff.update(id, body));
  }

  @StepUp()
  @Post(':id/reset-second-factor')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'A pending change for a second admin: on approval every passkey, one-time code and recovery code of the member is removed and their sessions end.',
  })
  resetSecondFactor(
    @Param('id', idParam()) id: string,
  ): Promise<StaffChangePending> {
    return this.staff.requestSecondFactorReset(id);
  }

  @StepUp()
  @PostAction(':id/reset-password')
  @ApiOkResponse({
    description:
      'A new one-time password (shown once); the account must change it.',
  })
  @ApiAcceptedResponse({ description: PENDING })
  async resetPassword(
    @Param('id', idParam()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OneTimePasswordResponse | StaffChangePending> {
    return answer(res, await this.staff.resetPassword(id));
  }
}
