import type { IbLogonRefusalCode } from '@certdesk/domain';
import { BACK_OFFICE_ERRORS } from './errors/back-office-errors';
import type { CaseWorded } from './errors/entry';
import { IB_ERRORS } from './errors/ib-errors';
import { REQUEST_ERRORS } from './errors/request-errors';
import { STAFF_AUTH_ERRORS } from './errors/staff-auth-errors';
import { STAFF_ERRORS } from './errors/staff-errors';

export { caseWorded } from './errors/entry';
export type { CaseWorded, ErrorEntry } from './errors/entry';
export { IB_ERRORS, IB_TOO_MANY_ATTEMPTS_MESSAGE } from './errors/ib-errors';

/**
 * The error catalogue, one file per area (`errors/`): every code the API gives in `ApiError.code`
 * with its Japanese wording, or {@link CaseWorded} where the thrower words the case. Clients decide
 * on these codes only, never on the wording of `message`. A new refusal adds its code here and its
 * HTTP status to apps/api `ERROR_STATUS`.
 */
export const ERROR_CATALOGUE_AREAS = Object.freeze([
  REQUEST_ERRORS,
  STAFF_AUTH_ERRORS,
  STAFF_ERRORS,
  BACK_OFFICE_ERRORS,
  IB_ERRORS,
] as const);

const CATALOGUE = {
  ...REQUEST_ERRORS,
  ...STAFF_AUTH_ERRORS,
  ...STAFF_ERRORS,
  ...BACK_OFFICE_ERRORS,
  ...IB_ERRORS,
} as const;
type Catalogue = typeof CATALOGUE;

/** Every machine-readable reason the API gives in `ApiError.code`. */
export type ErrorCode = keyof Catalogue;
export const ERROR_CODES: readonly ErrorCode[] = Object.freeze(
  Object.keys(CATALOGUE) as ErrorCode[],
);

/** The codes with one wording. */
export type CataloguedCode = {
  [K in ErrorCode]: Catalogue[K] extends string ? K : never;
}[ErrorCode];

/** The Japanese message of each code that has one wording (the catalogue). */
export const ERROR_MESSAGES: Readonly<{
  [K in CataloguedCode]: Catalogue[K];
}> = Object.freeze(
  Object.fromEntries(
    Object.entries(CATALOGUE).filter(([, e]) => typeof e === 'string'),
  ) as { [K in CataloguedCode]: Catalogue[K] },
);

/** What the wording depends on, for each code whose thrower words the case. */
export const CASE_WORDED_CODES: Readonly<
  Partial<Record<ErrorCode, CaseWorded>>
> = Object.freeze(
  Object.fromEntries(
    Object.entries(CATALOGUE).filter(([, e]) => typeof e !== 'string'),
  ) as Partial<Record<ErrorCode, CaseWorded>>,
);

/** The catalogue's message of `code`, or undefined when the case words it. */
export function catalogueMessage(code: ErrorCode): string | undefined {
  const entry: unknown = CATALOGUE[code];
  return typeof entry === 'string' ? entry : undefined;
}

type Assert<T extends true> = T;
/** Compile-time check: every IB log-on refusal of libs/domain is an {@link ErrorCode}. */
export type IbLogonCodesAreErrorCodes = Assert<
  IbLogonRefusalCode extends ErrorCode ? true : false
>;

/** Every 4xx/5xx answer of the API has this shape; `message` is Japanese and says what to do. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level reasons, e.g. for validation failures: `{ field: 'limit', reason: '1〜200の整数で指定してください' }`. */
  details?: { field: string; reason: string }[];
  requestId?: string;
  /**
   * The machine-readable reason of a deliberate refusal (e.g. the IB channel's `expired`,
   * `reissue_required`); absent for the framework's own answers (an unknown route, a pipe's refusal).
   */
  code?: ErrorCode;
}
