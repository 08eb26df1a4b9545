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

/** The latest answer for the current key; `value` stays while the next one loads (no flicker when paging). */
export interface Loaded<T> {
  readonly loading: boolean;
  readonly value: T | null;
  readonly error: LoadError | null;
}

const LOADING = { loading: true, value: null, error: null } as const;

/** An answer, or the failure, as a settled {@link Loaded}. */
function settled<T>(source: Observable<T>): Observable<Loaded<T>> {
  return source.pipe(
    map((value): Loaded<T> => ({ loading: false, value, error: null })),
    catchError((error: unknown) =>
      of<Loaded<T>>({ loading: false, value: null, error: toLoadError(error) }),
    ),
  );
}

/**
 * The console's one loading abstraction: fetches again whenever `key` changes (a page's query
 * parameters, a reload counter), dropping an answer that is no longer wanted (switchMap). Errors carry
 * the API's Japanese message. Call in an injection context.
 */
export function loadOnChange<K, T>(
  key: Signal<K>,
  fetch: (key: K) => Observable<T>,
): Signal<Loaded<T>> {
  const state = signal<Loaded<T>>(LOADING);
  toObservable(key)
    .pipe(
      tap(() => state.update((s) => ({ ...s, loading: true, error: null }))),
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
