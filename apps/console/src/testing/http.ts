import {
  type HttpInterceptorFn,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ApiError } from '@certdesk/contracts';

/**
 * TestBed with HttpClient (through `interceptors`, if any) and the API faked by
 * HttpTestingController, plus `providers`; returns the controller (`verify()` it after each test).
 */
export function fakeApi(
  providers: (Provider | EnvironmentProviders)[] = [],
  interceptors: HttpInterceptorFn[] = [],
): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors(interceptors)),
      provideHttpClientTesting(),
      ...providers,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  409: 'Conflict',
  500: 'Internal Server Error',
};

/** Answers `req` the way the API fails: an `ApiError` body with a Japanese message. */
export function flushApiError(
  req: TestRequest,
  statusCode: number,
  message: string,
  details?: ApiError['details'],
): void {
  const error = STATUS_TEXT[statusCode] ?? 'Error';
  const body: ApiError = {
    statusCode,
    error,
    message,
    details,
    requestId: 'req-test',
  };
  req.flush(body, { status: statusCode, statusText: error });
}

/** A request's query parameters as a plain object. */
export function params(req: TestRequest): Record<string, string | null> {
  return Object.fromEntries(
    req.request.params.keys().map((k) => [k, req.request.params.get(k)]),
  );
}

/** Lets pending promises and timers run (guards awaiting HTTP, router navigations). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}
