import { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Observable, catchError, map, of } from 'rxjs';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error' };

/**
 * Subscribes once and exposes loading / ready / error as a signal.
 * Call in an injection context (a field initializer of a component or service).
 */
export function loadState<T>(source: Observable<T>): Signal<LoadState<T>> {
  return toSignal(
    source.pipe(
      map((value): LoadState<T> => ({ status: 'ready', value })),
      catchError(() => of<LoadState<T>>({ status: 'error' })),
    ),
    { initialValue: { status: 'loading' } },
  );
}
