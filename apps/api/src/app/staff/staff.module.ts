import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { StaffChangeRequestsController } from './staff-change-requests.controller';
import { StaffChangeRequestsService } from './staff-change-requests.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { StaffWrites } from './staff-writes';
import { StaffUserRepository } from './staff-user.repository';

@Module({
  imports: [AuthModule],
  controllers: [StaffController, StaffChangeRequestsController],
  providers: [
    StaffService,
    StaffWrites,
    StaffChangeRequestsService,
    StaffUserRepository,
  ],
})
export class StaffModule {}
