import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import { ApplicationConfig } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideWebApp } from '@certdesk/web';
import { appRoutes } from './app.routes';
import { sessionExpiredInterceptor } from './core/auth/session-expired.interceptor';
import { stepUpInterceptor } from './core/auth/step-up.interceptor';
import { PageTitleStrategy } from './core/page-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    ...provideWebApp(appRoutes),
    { provide: TitleStrategy, useClass: PageTitleStrategy },
    provideHttpClient(
      withFetch(),
      withInterceptors([stepUpInterceptor, sessionExpiredInterceptor]),
      withXsrfConfiguration({
        cookieName: 'XSRF-TOKEN',
        headerName: 'X-XSRF-TOKEN',
      }),
    ),
  ],
};
