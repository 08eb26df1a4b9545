import { Global, Module } from '@nestjs/common';
import { appConfig } from './config';

/** The injection token of the process's {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides {@link APP_CONFIG}: the configuration main.ts (or the CLI) already read, not a second reading. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: appConfig }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
