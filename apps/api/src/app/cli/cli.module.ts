import { Module } from '@nestjs/common';
import { FOUNDATION_MODULES } from '../infra/foundation-modules';
import { SeedModule } from '../seed/seed.module';
import { AuditModule } from '../audit/audit.module';
import { ImportModule } from '../import/import.module';
import { StaffBootstrapModule } from '../staff/staff-bootstrap.module';
import { PkiModule } from '../pki/pki.module';
import { NoticesModule } from '../notices/notices.module';

/** What the ops commands need: no HTTP. */
@Module({
  imports: [
    ...FOUNDATION_MODULES,
    AuditModule,
    SeedModule,
    ImportModule,
    StaffBootstrapModule,
    PkiModule,
    NoticesModule,
  ],
})
export class CliModule {}
