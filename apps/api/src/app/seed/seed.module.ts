import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service';
import { SeedService } from './seed.service';

@Module({
  providers: [SeedService, DemoDataService],
  exports: [SeedService, DemoDataService],
})
export class SeedModule {}
