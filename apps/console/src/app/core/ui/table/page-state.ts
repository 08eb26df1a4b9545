import { Observable, OperatorFunction, catchError, map, of } from 'rxjs';
import { apiErrorMessage } from '../../api-error';

/**
 * What a page shows of the one thing it reads (a customer, a request, a page of the queue):
 * loading, ready with it under `key`, or the API's Japanese message.
 */
export type PageState<K extends string, T> =
  | { readonly status: 'loading' }
  | ({ readonly status: 'ready' } & { readonly [P in K]: T })
  | { readonly status: 'error'; readonly message: string };

/** An API answer as a {@link PageState}: ready with it under `key`, or its failure's message. */
export function toPageState<K extends string, T>(
  key: K,
): OperatorFunction<T, PageState<K, T>> {
  return (source: Observable<T>) =>
    source.pipe(
      map((value) => ({ status: 'ready', [key]: value }) as PageState<K, T>),
      catchError((error: unknown) =>
        of<PageState<K, T>>({
          status: 'error',
          message: apiErrorMessage(error),
        }),
      ),
    );
}
