/** Every 4xx/5xx answer of the API has this shape; `message` is Japanese and says what to do. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level reasons, e.g. for validation failures: `{ field: 'limit', reason: '1〜200の整数で指定してください' }`. */
  details?: { field: string; reason: string }[];
  requestId?: string;
  /** A machine-readable reason where a client acts on it (e.g. the IB channel's log-on refusals: `expired`, `reissue_required`). */
  code?: string;
}
