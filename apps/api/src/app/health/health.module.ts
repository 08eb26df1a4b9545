import { Module } from '@nestjs/common';
import { PkiModule } from '../pki/pki.module';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

@Module({
  imports: [PkiModule],
  controllers: [HealthController],
  providers: [Readiness],
})
export class HealthModule {}
