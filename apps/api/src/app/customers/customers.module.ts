import { Module } from '@nestjs/common';
import { CustomerDetailService } from './customer-detail.service';
import { CustomersController } from './customers.controller';
import { IbUserPinService } from './ib-user-pin.service';

@Module({
  controllers: [CustomersController],
  providers: [CustomerDetailService, IbUserPinService],
})
export class CustomersModule {}
