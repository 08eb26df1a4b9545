/** What a failed send means for the notice. */
export interface SendFailure {
  /** Retry later (4xx, connection refused/reset, timeouts); otherwise the notice is marked failed. */
  transient: boolean;
  /** For the delivery log (Japanese) … */
  reason: string;
  /** … and the technical detail. */
  detail: string;
}

interface MailError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * SMTP 4xx and anything about the connection are transient; 5xx and an envelope refused without a
 * server answer (an address nodemailer cannot use) are permanent.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (
    typeof error === 'object' && error !== null
      ? error
      : { message: String(error) }
  ) as MailError;
  const detail = [e.code, e.responseCode, e.response ?? e.message]
    .filter((x) => x !== undefined && x !== '')
    .join(' ')
    .slice(0, 500);
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (status !== null && status >= 500 && e.code !== 'EAUTH') {
    return {
      transient: false,
      reason: `メールサーバーが受け付けませんでした（${status}）`,
      detail,
    };
  }
  if (status === null && e.code === 'EENVELOPE') {
    return {
      transient: false,
      reason: 'メールアドレスが正しくないため送信できませんでした',
      detail,
    };
  }
  if (status !== null && status >= 400) {
    return {
      transient: true,
      reason: `メールサーバーが一時的に受け付けませんでした（${status}）。再送します`,
      detail,
    };
  }
  return {
    transient: true,
    reason: 'メールサーバーに接続できませんでした。再送します',
    detail,
  };
}

const MAX_DELAY_MS = 5 * 60_000;

/**
 * Exponential back-off with jitter: attempt 1 → about 1 s, doubling up to 5 min; each delay is
 * drawn from 75 %–125 % of its step (never below 1 s or above 5 min) so that senders spread out.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(
    Math.min(MAX_DELAY_MS, Math.max(1000, step * (0.75 + 0.5 * random()))),
  );
}

/** A plausible single mailbox address (what the delivery log refuses before trying). */
export function isMailAddress(value: string): boolean {
  return (
    /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(value) &&
    value.length <= 254
  );
}
