import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

@Module({
  providers: [SeedService, DemoDataService, SeedRepository],
  exports: [SeedService, DemoDataService],
})
export class SeedModule {}
