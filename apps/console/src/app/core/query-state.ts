import { Signal, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Params, Router } from '@angular/router';

/** Query parameters by name; an absent one is left out (`undefined`). */
export type Query<K extends string> = Readonly<Partial<Record<K, string>>>;

/** New values for some parameters: `null` or `undefined` removes one. */
export type QueryChange<K extends string> = Partial<
  Record<K, string | null | undefined>
>;

export interface NavigateOptions {
  /** No history entry (e.g. dates set as they are typed). */
  readonly replaceUrl?: boolean;
}

/**
 * A list page's state in its URL (bookmarkable, back/forward): the filters it reads from the query
 * and the keyset `cursor` of the page shown. Changing a filter shows its first page.
 */
export interface QueryState<K extends string> {
  /** The filters the URL holds now; a new value only when one of them changes. */
  readonly query: Signal<Query<K>>;
  /** The current page's cursor (none on the first page). */
  readonly cursor: Signal<string | undefined>;
  /** A new search: exactly these filters, every other query parameter removed. */
  search(filters: Query<K>, options?: NavigateOptions): void;
  /** Sets some filters and keeps the other parameters; back to the first page. */
  set(change: QueryChange<K>, options?: NavigateOptions): void;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function sameQuery<K extends string>(
  keys: readonly K[],
): (a: Query<K>, b: Query<K>) => boolean {
  return (a, b) => keys.every((k) => a[k] === b[k]);
}

/**
 * The query parameters `keys` of the current route, and navigation that changes them. Replaces one
 * `input()` per parameter: also usable by a component inside a routed page (a report tab).
 * Call in an injection context.
 */
export function injectQueryState<const K extends string>(
  keys: readonly K[],
): QueryState<K> {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const params = toSignal(route.queryParams, { requireSync: true });

  const query = computed<Query<K>>(
    () => {
      const all = params();
      const out: Partial<Record<K, string>> = {};
      for (const key of keys) {
        const value = text(all[key]);
        if (value !== undefined) out[key] = value;
      }
      return out;
    },
    { equal: sameQuery(keys) },
  );
  const navigate = (
    queryParams: Params,
    merge: boolean,
    options: NavigateOptions = {},
  ): void => {
    void router.navigate([], {
      relativeTo: route,
      queryParams,
      queryParamsHandling: merge ? 'merge' : undefined,
      replaceUrl: options.replaceUrl,
    });
  };

  return {
    query,
    cursor: computed(() => text(params()['cursor'])),
    search: (filters, options) =>
      navigate(
        Object.fromEntries(keys.map((k) => [k, filters[k] ?? null])),
        false,
        options,
      ),
    set: (change, options) => {
      const queryParams: Params = { cursor: null };
      for (const key of keys) {
        if (key in change) queryParams[key] = change[key] ?? null;
      }
      navigate(queryParams, true, options);
    },
  };
}
