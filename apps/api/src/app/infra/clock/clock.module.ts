import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/app-config.module';
import { Clock, FixedClock, SystemClock } from './clock';

@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Clock =>
        config.fixedNow ? new FixedClock(config.fixedNow) : new SystemClock(),
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
