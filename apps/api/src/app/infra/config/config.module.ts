/** Moved to app-config.module.ts (`AppConfigModule`, not to be confused with @nestjs/config's). */
export { APP_CONFIG } from './app-config.module';
