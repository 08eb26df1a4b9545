import { Module } from '@nestjs/common';
import { AuditWatch } from './audit-watch';

/** The audit chains' daily watch (signed heads, verification). */
@Module({ providers: [AuditWatch] })
export class AuditWatchModule {}
