import { Module } from '@nestjs/common';
import { FOUNDATION_MODULES } from './infra/foundation-modules';
import { HttpModule } from './infra/http/http.module';
import { HealthModule } from './health/health.module';
import { SeedModule } from './seed/seed.module';
import { AuditModule } from './audit/audit.module';
import { AuditWatchModule } from './audit/audit-watch.module';
import { AuthModule } from './auth/auth.module';
import { StaffModule } from './staff/staff.module';
import { TenancyModule } from './infra/tenancy/tenancy.module';
import { CertificatesModule } from './certificates/certificates.module';
import { CustomersModule } from './customers/customers.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { PkiRuntimeModule } from './pki/pki-runtime.module';
import { ReportsModule } from './reports/reports.module';
import { ReissuesModule } from './reissues/reissues.module';
import { ImportRunsModule } from './import/runs/import-runs.module';
import { ClosuresModule } from './closures/closures.module';
import { NoticeWorkerModule } from './notices/notice-worker.module';
import { IbModule } from './ib/ib.module';
import { MetricsModule } from './metrics/metrics.module';
import { RetentionModule } from './retention/retention.module';
import { LoggingModule } from './infra/logging/logging.module';

@Module({
  imports: [
    ...FOUNDATION_MODULES,
    LoggingModule,
    MetricsModule,
    AuditModule,
    AuditWatchModule,
    HttpModule,
    HealthModule,
    SeedModule,
    TenancyModule,
    AuthModule,
    StaffModule,
    CertificatesModule,
    CustomersModule,
    DashboardModule,
    PkiRuntimeModule,
    ReportsModule,
    NoticeWorkerModule,
    ReissuesModule,
    ImportRunsModule,
    ClosuresModule,
    IbModule,
    RetentionModule,
  ],
})
export class AppModule {}
