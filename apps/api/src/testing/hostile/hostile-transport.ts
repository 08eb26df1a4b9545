import { request } from 'node:http';
import { answerOf, type IbClient } from '../ib-client';
import type { StaffBrowser } from '../staff-browser';

/** Longest a hostile case may wait for its answer. */
export const ANSWER_WITHIN_MS = 2_000;
/** When a case stops waiting altogether (it has failed long before). */
const GIVE_UP_MS = 30_000;

export interface HostileAnswer {
  status: number;
  message: unknown;
  milliseconds: number;
  timedOut: boolean;
}

export interface HostileRequest {
  method: string;
  path: string;
  body?: { bytes: string | Buffer; contentType: string };
}

/** Waits for the answer (at most {@link GIVE_UP_MS}, so the app is never closed under a request) and times it. */
async function timed(
  send: () => Promise<{ status: number; body: unknown }>,
): Promise<HostileAnswer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<{ status: number; body: unknown }>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 0, body: { message: 'no answer at all' } }),
      GIVE_UP_MS,
    );
  });
  const answered = send().catch((error: unknown) => ({
    status: -1,
    body: { message: `connection failed: ${String(error)}` },
  }));
  const res = await Promise.race([answered, giveUp]).finally(() =>
    clearTimeout(timer),
  );
  const milliseconds = performance.now() - started;
  return {
    status: res.status,
    message: (res.body as { message?: unknown } | undefined)?.message,
    milliseconds,
    timedOut: milliseconds > ANSWER_WITHIN_MS,
  };
}

/**
 * Sends exactly these bytes to the staff listener on `port` as `browser` (its cookies, XSRF header
 * and client address): supertest would re-serialise a Buffer body as JSON.
 */
export function sendAsStaff(
  port: number,
  browser: StaffBrowser,
  req: HostileRequest,
): Promise<HostileAnswer> {
  const headers: Record<string, string> = {
    'x-forwarded-for': browser.ip,
  };
  if (browser.cookies.size > 0)
    headers['cookie'] = [...browser.cookies]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  const xsrf = browser.cookies.get('XSRF-TOKEN');
  if (xsrf) headers['x-xsrf-token'] = xsrf;
  if (req.body) {
    headers['content-type'] = req.body.contentType;
    headers['content-length'] = String(Buffer.byteLength(req.body.bytes));
  }
  return timed(
    () =>
      new Promise((resolve, reject) => {
        const r = request(
          {
            host: '127.0.0.1',
            port,
            method: req.method.toUpperCase(),
            path: req.path,
            headers,
          },
          (res) => answerOf(res).then(resolve, reject),
        );
        r.on('error', reject);
        r.end(req.body?.bytes);
      }),
  );
}

/** The same over the IB channel's mutual TLS, as `client` (with or without a certificate). */
export function sendOnIbChannel(
  client: IbClient,
  req: HostileRequest,
): Promise<HostileAnswer> {
  return timed(() =>
    client.send(
      req.method.toUpperCase(),
      req.path,
      req.body?.bytes,
      req.body ? { 'content-type': req.body.contentType } : {},
    ),
  );
}

/** Null when the answer is acceptable: a 4xx with a Japanese reason (or a 2xx where allowed). */
export function verdictOf(
  answer: HostileAnswer,
  allowSuccess: boolean,
): string | null {
  if (answer.timedOut) return `no answer within ${ANSWER_WITHIN_MS} ms`;
  const { status, message } = answer;
  if (status >= 200 && status < 300)
    return allowSuccess ? null : `${status}: accepted`;
  if (status < 400 || status > 499) return `${status} ${String(message)}`;
  if (
    typeof message !== 'string' ||
    !/[\u3040-\u30ff\u3400-\u9fff]/.test(message)
  )
    return `${status} without a Japanese reason (${String(message)})`;
  return null;
}
