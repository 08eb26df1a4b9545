import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  SecondFactorOverview,
  SecondFactorProof,
  SecondFactorStatus,
} from '@certdesk/contracts';
import type { SecondFactorPolicy } from '@certdesk/domain';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { Manager, Transactions } from '../../infra/database/transactions';
import { AppError } from '../../infra/http/app-error';
import { requestContext } from '../../infra/tenancy/request-context';
import { currentPrincipal, notFound } from '../../infra/tenancy/tenant';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { StaffUser } from '../../staff/staff-user.entity';
import { CredentialsService } from '../credentials.service';
import { SessionService } from '../session.service';
import { recoveryCodeHash, totpStep } from './one-time-codes';
import { CHALLENGE_TTL_MS, PasskeyCeremonies } from './passkey-ceremonies';
import { policyOf, secondFactorFacts, toStatus } from './second-factor-policy';
import { Owner, SecondFactorRepository } from './second-factor.repository';
import { StaffCredential } from './staff-credential.entity';

/**
 * The caller's second factor: enrolment (passkeys, one-time codes with 10 recovery codes), proving
 * it at sign-in and for a step-up, removal, and the credit union's policy. Every enrolment, use,
 * failure and removal is audited (`auth.second_factor.*`); a failed proof counts towards the same
 * account lock as a wrong password (the attempt is claimed on the account row before it is checked).
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly repository: SecondFactorRepository,
    private readonly passkeys: PasskeyCeremonies,
    private readonly tx: Transactions,
    private readonly tenant: TenantScope,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async overview(): Promise<SecondFactorOverview> {
    const owner = this.owner();
    const factors = await this.repository.credentials(owner);
    const totp = factors.find((c) => c.kind === 'totp' && c.confirmedAt);
    return {
      status: await this.status(),
      policy: policyOf(await this.tenant.creditUnion(), this.config),
      passkeys: factors
        .filter((c) => c.kind === 'passkey')
        .map((c) => ({
          id: c.id,
          name: c.name,
          createdAt: c.createdAt.toISOString(),
          lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
          backedUp: c.backedUp,
        })),
      totp: {
        enrolled: !!totp,
        createdAt: totp?.createdAt.toISOString() ?? null,
        lastUsedAt: totp?.lastUsedAt?.toISOString() ?? null,
      },
      recoveryCodesLeft: await this.repository.recoveryCodesLeft(owner),
    };
  }

  async passkeyAuthenticationOptions(): Promise<object> {
    const me = currentPrincipal();
    const passkeys = (await this.repository.credentials(this.owner())).filter(
      (c) => c.kind === 'passkey',
    );
    if (passkeys.length === 0) throw new AppError('no_passkey');
    const options = await this.passkeys.authenticationOptions(passkeys);
    await this.repository.setChallenge(
      me.sessionId,
      options.challenge,
      this.clock.now(),
    );
    return options;
  }

  /**
   * Proves the second factor for this session (after the password, or as a step-up). The attempt
   * is claimed on the account first; a wrong proof keeps its claim (the tenth locks the account and
   * ends its sessions), a right one resets the count.
   */
  async verify(proof: SecondFactorProof): Promise<SecondFactorStatus> {
    const me = currentPrincipal();
    const owner = this.owner();
    const staff = await this.tenant
      .repository(StaffUser)
      .findOrNotFound(me.staffId);
    const method = proof.passkey
      ? 'passkey'
      : proof.totpCode
        ? 'totp'
        : 'recovery_code';
    if (!(await this.credentials.claimAttempt(staff))) {
      await this.record('verify', 'failure', { method, reason: 'locked' });
      await this.sessions.endAllFor(staff.id, 'locked');
      throw new AppError('login_failed');
    }
    const ok = await this.check(owner, proof);
    if (!ok) {
      const { failedAttempts, locked } =
        await this.credentials.registerFailure(staff);
      await this.record('verify', 'failure', {
        method,
        reason: 'wrong',
        failedAttempts,
      });
      if (locked) {
        await this.sessions.endAllFor(staff.id, 'locked');
        throw new AppError('login_failed');
      }
      throw new AppError('second_factor_invalid');
    }
    if (!(await this.credentials.registerSuccess(staff))) {
      await this.record('verify', 'failure', { method, reason: 'locked' });
      await this.sessions.endAllFor(staff.id, 'locked');
      throw new AppError('login_failed');
    }
    await this.repository.markProven(me.sessionId, this.clock.now());
    await this.record('verify', 'success', {
      method,
      recoveryCodesLeft:
        method === 'recovery_code'
          ? await this.repository.recoveryCodesLeft(owner)
          : undefined,
    });
    return this.status();
  }

  /** Removes one of the caller's factors (after a step-up); the last one takes the recovery codes with it. */
  async remove(id: string): Promise<SecondFactorStatus> {
    const owner = this.owner();
    const factor = (await this.repository.credentials(owner)).find(
      (c) => c.id === id,
    );
    if (!factor) throw notFound();
    await this.tx.run(async (em) => {
      if (!(await this.repository.deleteCredential(em, owner, id)))
        throw notFound();
      const enrolled = await this.repository.refreshEnrolled(em, owner);
      if (!enrolled) await this.repository.deleteRecoveryCodes(em, owner);
      await this.audit.recordIn(
        em,
        this.entry('remove', 'success', {
          method: factor.kind,
          name: factor.name,
          credentialId: factor.id,
          lastFactor: !enrolled,
        }),
      );
    });
    return this.status();
  }

  /** The credit union's policy, changed by a manager (audited); `off` only in demo mode. */
  async setPolicy(policy: SecondFactorPolicy): Promise<SecondFactorOverview> {
    if (policy === 'off' && this.config.mode === 'production')
      throw AppError.onField(
        'second_factor_policy_production',
        'policy',
        '本番環境では off を選べません',
      );
    const creditUnion = await this.tenant.creditUnion();
    const from = policyOf(creditUnion, this.config);
    await this.tx.run(async (em) => {
      await this.repository.setPolicy(em, creditUnion.id, policy);
      await this.audit.recordIn(em, {
        action: 'auth.second_factor.policy',
        outcome: 'success',
        targetType: 'credit_union',
        targetId: creditUnion.id,
        details: { from, to: policy },
      });
    });
    const context = requestContext.current();
    // A new object: the one the session check answered with may be shared (session-cache.ts).
    if (context?.creditUnion)
      context.creditUnion = {
        ...context.creditUnion,
        secondFactorPolicy: policy,
      };
    return this.overview();
  }

  /** The approved dual-control reset: every factor and recovery code of `target` goes, and their sessions end. */
  async resetFor(em: Manager, target: StaffUser): Promise<number> {
    const owner = { staffId: target.id, creditUnionId: target.creditUnionId };
    const removed = await this.repository.resetAll(em, owner);
    const sessionsEnded = await this.sessions.endAllFor(
      target.id,
      'password_reset',
      { manager: em },
    );
    await this.audit.recordIn(em, {
      action: 'auth.second_factor.reset',
      outcome: 'success',
      targetType: 'staff_user',
      targetId: target.id,
      details: { username: target.username, removed, sessionsEnded },
    });
    return removed;
  }

  async status(): Promise<SecondFactorStatus> {
    const me = currentPrincipal();
    const [staff, session, creditUnion] = await Promise.all([
      this.tenant.repository(StaffUser).findOrNotFound(me.staffId),
      this.sessions.findById(me.sessionId),
      this.tenant.creditUnion(),
    ]);
    return toStatus(
      secondFactorFacts(
        staff,
        creditUnion,
        { secondFactorAt: session?.secondFactorAt ?? null },
        this.config,
      ),
    );
  }

  private async check(
    owner: Owner,
    proof: SecondFactorProof,
  ): Promise<boolean> {
    const given = [proof.passkey, proof.totpCode, proof.recoveryCode].filter(
      (p) => p !== undefined,
    );
    if (given.length !== 1) return false;
    const factors = await this.repository.credentials(owner);
    const now = this.clock.now();
    if (proof.totpCode !== undefined) {
      const totp = factors.find((c) => c.kind === 'totp' && c.confirmedAt);
      const step = totp?.totpSecret
        ? totpStep(totp.totpSecret, proof.totpCode.trim(), now)
        : null;
      return (
        !!totp &&
        step !== null &&
        (await this.tx.run((em) =>
          this.repository.acceptTotpStep(em, totp, step, now),
        ))
      );
    }
    if (proof.recoveryCode !== undefined)
      return this.repository.useRecoveryCode(
        owner,
        recoveryCodeHash(proof.recoveryCode),
        now,
      );
    const challenge = await this.freshChallenge();
    if (!challenge) return false;
    const used = await this.passkeys.verifyAuthentication(
      proof.passkey,
      challenge,
      factors.filter((c) => c.kind === 'passkey'),
    );
    if (!used) return false;
    await this.repository.recordPasskeyUse(
      used.passkey,
      used.counter,
      used.backedUp,
      now,
    );
    return true;
  }

  /** The session's challenge, taken once, if it is younger than {@link CHALLENGE_TTL_MS}. */
  async freshChallenge(): Promise<string | null> {
    const taken = await this.repository.takeChallenge(
      currentPrincipal().sessionId,
    );
    if (!taken) return null;
    const age = this.clock.now().getTime() - taken.at.getTime();
    return age < CHALLENGE_TTL_MS ? taken.challenge : null;
  }

  owner(): Owner {
    const me = currentPrincipal();
    return { staffId: me.staffId, creditUnionId: me.creditUnionId };
  }

  blank(owner: Owner, kind: 'passkey' | 'totp', name: string): StaffCredential {
    return {
      id: randomUUID(),
      creditUnionId: owner.creditUnionId,
      staffUserId: owner.staffId,
      kind,
      name: name.slice(0, 100),
      createdAt: this.clock.now(),
      confirmedAt: null,
      lastUsedAt: null,
      credentialId: null,
      publicKey: null,
      counter: 0,
      backedUp: false,
      deviceType: null,
      transports: null,
      totpSecret: null,
      totpLastStep: null,
    };
  }

  entry(
    action: string,
    outcome: 'success' | 'failure',
    details: Record<string, unknown>,
  ) {
    return {
      action: `auth.second_factor.${action}`,
      outcome,
      targetType: 'staff_user',
      targetId: currentPrincipal().staffId,
      details,
    };
  }

  async record(
    action: string,
    outcome: 'success' | 'failure',
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(this.entry(action, outcome, details));
  }
}
