import { Module } from '@nestjs/common';
import { CreditUnionRepository } from '../credit-unions/credit-union.repository';
import { RetentionService } from './retention.service';

/** Daily deletion of ended sessions and of notices past their retention period. */
@Module({
  providers: [RetentionService, CreditUnionRepository],
  exports: [RetentionService],
})
export class RetentionModule {}
