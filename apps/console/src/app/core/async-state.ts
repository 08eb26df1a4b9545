import { Signal, signal } from '@angular/core';
import {
  takeUntilDestroyed,
  toObservable,
  toSignal,
} from '@angular/core/rxjs-interop';
import { Observable, catchError, map, of, switchMap, tap } from 'rxjs';
import { apiErrorMessage, apiErrorReasons } from './api-error';

export interface LoadError {
  readonly message: string;
  readonly reasons: readonly string[];
}

/** A failed call as pages show it: the API's Japanese message and its field reasons. */
export function toLoadError(error: unknown): LoadError {
  return { message: apiErrorMessage(error), reasons: apiErrorReasons(error) };
}

/**
 * The latest answer for the current key; `value` stays while the next one loads (no flicker when
 * paging), unless the key asks for another target (see {@link LoadOnChangeOptions.target}).
 */
export interface Loaded<T> {
  readonly loading: boolean;
  readonly value: T | null;
  readonly error: LoadError | null;
}

const LOADING = { loading: true, value: null, error: null } as const;
const NO_TARGET = Symbol('no target yet');

/** An answer, or the failure, as a settled {@link Loaded}. */
function settled<T>(source: Observable<T>): Observable<Loaded<T>> {
  return source.pipe(
    map((value): Loaded<T> => ({ loading: false, value, error: null })),
    catchError((error: unknown) =>
      of<Loaded<T>>({ loading: false, value: null, error: toLoadError(error) }),
    ),
  );
}

export interface LoadOnChangeOptions<K> {
  /**
   * What a key shows (a customer's id, a queue's tab). A key for another target starts from nothing
   * (no value, no error); one for the same target (a reload) keeps what is shown, answer or error,
   * until the new answer. Without it every key keeps the value and clears the error.
   */
  readonly target?: (key: K) => unknown;
}

/**
 * The console's one loading abstraction: fetches again whenever `key` changes (a page's query
 * parameters, a reload counter), dropping an answer that is no longer wanted (switchMap). Errors carry
 * the API's Japanese message. Call in an injection context.
 */
export function loadOnChange<K, T>(
  key: Signal<K>,
  fetch: (key: K) => Observable<T>,
  { target }: LoadOnChangeOptions<K> = {},
): Signal<Loaded<T>> {
  const state = signal<Loaded<T>>(LOADING);
  let shown: unknown = NO_TARGET;
  toObservable(key)
    .pipe(
      tap((k) => {
        if (!target) {
          state.update((s) => ({ ...s, loading: true, error: null }));
          return;
        }
        const previous = shown;
        shown = target(k);
        state.update((s) =>
          Object.is(previous, shown) ? { ...s, loading: true } : LOADING,
        );
      }),
      switchMap((k) => settled(fetch(k))),
      takeUntilDestroyed(),
    )
    .subscribe((s) => state.set(s));
  return state.asReadonly();
}

/** What is read once, subscribed at once (a field initializer): loading, then its answer or error. */
export function loadOnce<T>(source: Observable<T>): Signal<Loaded<T>> {
  return toSignal(settled(source), { initialValue: LOADING });
}
