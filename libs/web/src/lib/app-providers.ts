import { APP_BASE_HREF } from '@angular/common';
import {
  type EnvironmentProviders,
  type Provider,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  type Routes,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';

/**
 * What both browser apps start with: an absolute base, uncaught errors reported, and `routes` with
 * route and query parameters bound to the pages' inputs.
 */
export function provideWebApp(
  routes: Routes,
): (Provider | EnvironmentProviders)[] {
  return [
    // No <base> element: the CSP says base-uri 'none'. Assets are absolute (deployUrl '/').
    { provide: APP_BASE_HREF, useValue: '/' },
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
  ];
}
