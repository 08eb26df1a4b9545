/**
 * The search's filters, named as `GET /api/certificates` names them, so that the page's URL and the
 * API request say the same thing. Values are kept as the URL has them (e.g. `status=expired,renewal_due`):
 * the API validates them, and a bad link shows its Japanese message instead of being silently widened.
 */
export const SEARCH_KEYS = [
  'q',
  'status',
  'branch',
  'ibRole',
  'expiresFrom',
  'expiresTo',
  'sort',
] as const;

export type SearchKey = (typeof SEARCH_KEYS)[number];
export type SearchFilters = Readonly<Partial<Record<SearchKey, string>>>;
export type SearchSort = 'expiry' | 'company' | 'status';

export const DEFAULT_SORT: SearchSort = 'expiry';

export const SORT_LABELS: Readonly<Record<SearchSort, string>> = {
  expiry: '有効期限順',
  company: '会社名順',
  status: '状態順',
};

/** Drops empty values and the default sort, trims the free text: one spelling per search. */
export function normalizeFilters(
  raw: Partial<Record<SearchKey, string | null | undefined>>,
): SearchFilters {
  const out: Partial<Record<SearchKey, string>> = {};
  for (const key of SEARCH_KEYS) {
    const value = raw[key]?.trim();
    if (value && !(key === 'sort' && value === DEFAULT_SORT)) {
      out[key] = value;
    }
  }
  return out;
}

export function sameFilters(a: SearchFilters, b: SearchFilters): boolean {
  return SEARCH_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

/** `expired,renewal_due` ⇄ `['expired', 'renewal_due']`. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}
