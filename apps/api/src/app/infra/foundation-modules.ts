import { ClockModule } from './clock/clock.module';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';

/**
 * What every process of the API starts from, in this order: the validated configuration, the
 * clock, the database (the server's AppModule, the CLI's CliModule, the notice sender's child).
 */
export const FOUNDATION_MODULES = [
  AppConfigModule,
  ClockModule,
  DatabaseModule,
];
