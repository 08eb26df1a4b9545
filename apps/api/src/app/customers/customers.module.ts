import { Module } from '@nestjs/common';
import { CustomerDetailService } from './customer-detail.service';
import { CustomersController } from './customers.controller';

@Module({ controllers: [CustomersController], providers: [CustomerDetailService] })
export class CustomersModule {}
