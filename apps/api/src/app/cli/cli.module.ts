import { Module } from '@nestjs/common';
import { ClockModule } from '../infra/clock/clock.module';
import { AppConfigModule } from '../infra/config/app-config.module';
import { DatabaseModule } from '../infra/database/database.module';
import { SeedModule } from '../seed/seed.module';
import { AuditModule } from '../audit/audit.module';
import { ImportModule } from '../import/import.module';
import { StaffBootstrapModule } from '../staff/staff-bootstrap.module';
import { PkiModule } from '../pki/pki.module';
import { NoticesModule } from '../notices/notices.module';

/** What the ops commands need: no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    DatabaseModule,
    AuditModule,
    SeedModule,
    ImportModule,
    StaffBootstrapModule,
    PkiModule,
    NoticesModule,
  ],
})
export class CliModule {}
