import { Location } from '@angular/common';
import { inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';

/** History state of a results page: the cursors of the pages before it ('' = the first), for 前へ. */
interface PagingState {
  readonly cursors?: unknown;
}

export interface KeysetPaging {
  /** 次へ: to `nextCursor`, remembering the current page's cursor in the new history entry. */
  next(nextCursor: string | null): void;
  /** 前へ: back one page; opened from a link without history, back to the first page. */
  previous(): void;
}

/**
 * Keyset paging through the URL: the page's `cursor` query parameter is its position (bookmarkable),
 * the cursors before it live in the history entry (the API has no "previous" cursor).
 * `cursor` reads the current page's cursor. Call in an injection context.
 */
export function injectKeysetPaging(
  cursor: () => string | null | undefined,
): KeysetPaging {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  const location = inject(Location);

  const previousCursors = (): string[] => {
    const { cursors } = (location.getState() ?? {}) as PagingState;
    return Array.isArray(cursors) && cursors.every((c) => typeof c === 'string')
      ? cursors
      : [];
  };
  const goTo = (to: string | null, cursors: string[]): void => {
    void router.navigate([], {
      relativeTo: route,
      queryParams: { cursor: to },
      queryParamsHandling: 'merge',
      state: { cursors },
    });
  };

  return {
    next: (nextCursor) =>
      goTo(nextCursor, [...previousCursors(), cursor() ?? '']),
    previous: () => {
      const cursors = previousCursors();
      goTo(cursors.at(-1) || null, cursors.slice(0, -1));
    },
  };
}
