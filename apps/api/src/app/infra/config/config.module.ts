/** Moved to app-config.module.ts (`AppConfigModule`, not to be confused with @nestjs/config's). */
export {
  APP_CONFIG,
  AppConfigModule as ConfigModule,
} from './app-config.module';
