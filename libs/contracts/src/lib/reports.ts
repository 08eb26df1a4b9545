/** The report names of `GET /api/reports/{report}` and `GET /api/reports/{report}.csv`. */
export type ReportName = 'expiry' | 'locked-out' | 'past-limit' | 'audit';

/** Every report says when it was made and for which credit union. */
export interface ReportHeader {
  asOf: string;
  today: string;
  creditUnion: { code: string; name: string };
}

/** `GET /api/reports/expiry?branch=`: certificates expiring per month and branch, 3 months back and 12 ahead. */
export interface ExpiryReport extends ReportHeader {
  months: { month: string; total: number; branches: { code: string; name: string; count: number }[] }[];
}

/** One row of the locked-out and past-limit lists. */
export interface ExpiredUserRow {
  branchCode: string;
  branchName: string;
  contractNumber: string;
  companyName: string;
  companyNameKana: string;
  ibRole: 'administrator' | 'user';
  loginId: string;
  ibUserName: string;
  email: string | null;
  expiryDate: string;
  daysSinceExpiry: number;
  /** Last day the customer can acquire by themselves (expiry + the credit union's limit). */
  selfServiceUntil: string;
  customerId: string;
  ibUserId: string;
}

/** `GET /api/reports/locked-out` and `/past-limit` (`branch`, `cursor`, `limit`). */
export interface ExpiredUsersReport extends ReportHeader {
  items: ExpiredUserRow[];
  nextCursor: string | null;
}

/** A 422 answer to a CP932 export that would lose characters. */
export interface UnmappableCharacter {
  character: string;
  codePoint: string;
  /** CSV line (1 = header) where it first appears. */
  firstLine: number;
  count: number;
}
