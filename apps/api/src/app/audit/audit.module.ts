import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { AuditController } from './audit.controller';
import { AuditEventRepository } from './audit-event.repository';
import { AuditKey } from './audit-key';
import { ChainAuditor } from './chain-auditor';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';

/** The audit log. Global: every feature records into it through `AuditService`. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditKey,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const key = AuditKey.fromConfig(config);
        if (key.demoDefault)
          new Logger('AuditKey').warn(
            'AUDIT_HMAC_KEY is unset: the audit chain is keyed with the published demo key (demo mode only)',
          );
        return key;
      },
    },
    AuditService,
    AuditQueryService,
    ChainAuditor,
    AuditEventRepository,
  ],
  exports: [AuditService, ChainAuditor, AuditKey, AuditEventRepository],
})
export class AuditModule {}
