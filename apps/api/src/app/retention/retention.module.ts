import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

/** Daily deletion of ended sessions and of notices past their retention period. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
