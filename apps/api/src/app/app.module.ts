import { Module } from '@nestjs/common';
import { ClockModule } from './infra/clock/clock.module';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { HttpModule } from './infra/http/http.module';
import { HealthModule } from './health/health.module';
import { SeedModule } from './seed/seed.module';

@Module({
  imports: [ConfigModule, ClockModule, DatabaseModule, HttpModule, HealthModule, SeedModule],
})
export class AppModule {}
