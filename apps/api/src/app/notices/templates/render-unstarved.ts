import { RENDER_LIMIT_MS } from '@certdesk/notice-templates';

/*
 * liquidjs stops a render at RENDER_LIMIT_MS of wall clock, which bounds what a bad template can
 * cost; on a starved CPU a good template can reach it too. Every render of a saved template in
 * the API (the sender's mails, the 重要なお知らせ on log-on) goes through renderUnstarved.
 */

/** liquidjs stopped the render at its time limit (`renderLimit`), anywhere in the error's causes. */
export function isRenderTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (/render limit exceeded/i.test(String((e as Error).message ?? e)))
      return true;
    e =
      (e as { originalError?: unknown; cause?: unknown }).originalError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Renders of one notice in a row when liquidjs keeps stopping them at the time limit for want of a core. */
export const RENDER_TRIES = 5;

/**
 * Runs `render`; when liquidjs stopped it at its time limit (`RENDER_LIMIT_MS`, wall clock) although
 * it used less CPU than that — the process was waiting for a core, not working on the template —
 * renders again at once, up to {@link RENDER_TRIES} renders. A render that did use its time, or any
 * other error, is thrown at once.
 */
export function renderUnstarved<T>(render: () => T, tries = RENDER_TRIES): T {
  for (let n = 1; ; n++) {
    const before = process.cpuUsage();
    try {
      return render();
    } catch (error) {
      const used = process.cpuUsage(before);
      const cpuMs = (used.user + used.system) / 1000;
      if (n >= tries || !isRenderTimeout(error) || cpuMs >= RENDER_LIMIT_MS)
        throw error;
    }
  }
}
