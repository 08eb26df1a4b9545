import type { SessionInfo } from '@certdesk/contracts';
import type { StaffBrowser } from './staff-browser';

/** The console's origin in the second-factor tests (the software authenticator answers for it). */
export const TEST_WEBAUTHN_ORIGIN = 'http://localhost:3000';

/** A test app's environment with the staff second factor required of managers and admins. */
export const SECOND_FACTOR_ENV: Record<string, string> = {
  STAFF_SECOND_FACTOR: 'managers',
  WEBAUTHN_RP_ID: 'localhost',
  WEBAUTHN_ORIGIN: TEST_WEBAUTHN_ORIGIN,
};

/** The browser's session as `/api/auth/me` answers it. */
export async function sessionOf(browser: StaffBrowser): Promise<SessionInfo> {
  return (await browser.get('/api/auth/me')).body as SessionInfo;
}
