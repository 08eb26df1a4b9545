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

/**
 * The enclosing `describe`'s test driver: a new one from `create` before each test, and after each
 * test the check that it left no request unanswered. The returned object stands for the current
 * test's driver (`t.open(…)`, `t.http`), so a spec declares and sets up its driver in one line.
 */
export function eachTest<T extends { readonly http: HttpTestingController }>(
  create: () => T | Promise<T>,
): T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await create();
  });
  afterEach(() => current?.http.verify());
  const driver = (): T => {
    if (!current) throw new Error('eachTest: the driver is made per test');
    return current;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const d = driver();
      const value: unknown = Reflect.get(d, key, d);
      return typeof value === 'function' ? value.bind(d) : value;
    },
    set: (_, key, value) => Reflect.set(driver(), key, value),
  });
}
