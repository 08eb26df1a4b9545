import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { Passwords } from '../auth/passwords';
import { StaffBootstrap } from './staff-bootstrap';
import { StaffUserRepository } from './staff-user.repository';

/** The first admin of a credit union (CLI create-admin). */
@Module({
  imports: [AuditModule],
  providers: [StaffBootstrap, StaffUserRepository, Passwords],
  exports: [StaffBootstrap],
})
export class StaffBootstrapModule {}
