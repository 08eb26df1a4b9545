import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig } from '@angular/core';
import { provideWebApp } from '@certdesk/web';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    ...provideWebApp(appRoutes),
    // No XSRF cookie on /ib: the IB channel accepts same-origin JSON POSTs only.
    provideHttpClient(withFetch()),
  ],
};
