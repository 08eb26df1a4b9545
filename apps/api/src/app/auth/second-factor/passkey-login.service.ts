import { Injectable } from '@nestjs/common';
import type { SessionInfo } from '@certdesk/contracts';
import { ownAccountEntry } from '../../audit/audit-entry';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { AppError, RetryLaterError } from '../../infra/http/app-error';
import { StaffUser } from '../../staff/staff-user.entity';
import { AuthService } from '../auth.service';
import { CredentialsService, LoginFailureReason } from '../credentials.service';
import { LoginThrottle } from '../login-throttle';
import { sessionIdOf } from '../session-cookie';
import { SessionMeta } from '../session.service';
import { CHALLENGE_TTL_MS, PasskeyCeremonies } from './passkey-ceremonies';
import { PasskeyLoginRepository } from './passkey-login.repository';
import { SecondFactorRepository } from './second-factor.repository';

/**
 * Signing in with a passkey alone (where the browser offers one): the passkey names the account,
 * user verification is required (the authenticator's PIN or biometrics stand for the password), and
 * the session starts with its second factor proven. Held to the same limits as a password log-in:
 * the address's attempt counter, and the account's attempt claimed before the signature is checked.
 */
@Injectable()
export class PasskeyLoginService {
  constructor(
    private readonly repository: PasskeyLoginRepository,
    private readonly factors: SecondFactorRepository,
    private readonly ceremonies: PasskeyCeremonies,
    private readonly credentials: CredentialsService,
    private readonly throttle: LoginThrottle,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async options(): Promise<object> {
    const options = await this.ceremonies.loginOptions();
    const now = this.clock.now();
    await this.repository.addChallenge(
      options.challenge,
      now,
      new Date(now.getTime() - CHALLENGE_TTL_MS),
    );
    return options;
  }

  async login(
    response: Record<string, unknown>,
    previousToken: string | undefined,
    meta: SessionMeta,
  ): Promise<{ token: string; info: SessionInfo }> {
    const ip = meta.ip ?? 'unknown';
    const claim = await this.throttle.claim(ip);
    if (!claim) {
      if (await this.throttle.auditRefusal(ip))
        await this.credentials.recordFailure(null, null, 'rate_limited', {
          method: 'passkey',
        });
      throw new RetryLaterError(
        'too_many_attempts',
        await this.throttle.retryAfterSeconds(ip),
      );
    }
    const staff = await this.verified(response);
    await this.throttle.release(ip, claim);
    const started = await this.auth.startSession(staff, previousToken, meta);
    const now = this.clock.now();
    await this.factors.markProven(sessionIdOf(started.token), now);
    await this.audit.record(
      ownAccountEntry(staff, 'auth.second_factor.verify', {
        method: 'passkey_login',
      }),
    );
    started.info.secondFactor = {
      ...started.info.secondFactor,
      state: 'verified',
      enrolled: true,
      provenAt: now.toISOString(),
    };
    return started;
  }

  /** The account whose passkey signed the challenge, or the uniform 401 (audited). */
  private async verified(
    response: Record<string, unknown>,
  ): Promise<StaffUser> {
    const id = typeof response['id'] === 'string' ? response['id'] : null;
    const challenge = challengeOf(response);
    const found = id ? await this.repository.passkey(id) : null;
    const now = this.clock.now();
    const fresh =
      !!challenge &&
      (await this.repository.takeChallenge(
        challenge,
        new Date(now.getTime() - CHALLENGE_TTL_MS),
      ));
    if (!found || !fresh)
      throw await this.refuse(
        found?.staff ?? null,
        found ? 'wrong_password' : 'unknown_user',
      );
    const { staff, passkey } = found;
    if (staff.disabledAt) throw await this.refuse(staff, 'disabled');
    if (!(await this.credentials.claimAttempt(staff)))
      throw await this.refuse(staff, 'locked');
    const used = await this.ceremonies.verifyAuthentication(
      response,
      challenge,
      [passkey],
      true,
    );
    if (!used) {
      await this.credentials.registerFailure(staff);
      throw await this.refuse(staff, 'wrong_password');
    }
    if (!(await this.credentials.registerSuccess(staff)))
      throw await this.refuse(staff, 'locked');
    await this.factors.recordPasskeyUse(
      passkey,
      used.counter,
      used.backedUp,
      now,
    );
    return staff;
  }

  private refuse(
    staff: StaffUser | null,
    reason: LoginFailureReason,
  ): Promise<AppError> {
    return this.credentials.refuse(staff?.username ?? null, staff, reason, {
      method: 'passkey',
    });
  }
}

/** The challenge the browser signed, from the response's clientDataJSON (base64url JSON). */
function challengeOf(response: Record<string, unknown>): string | null {
  const inner = response['response'] as
    { clientDataJSON?: unknown } | undefined;
  if (typeof inner?.clientDataJSON !== 'string') return null;
  try {
    const data = JSON.parse(
      Buffer.from(inner.clientDataJSON, 'base64url').toString('utf8'),
    ) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length <= 128
      ? data.challenge
      : null;
  } catch {
    return null;
  }
}
