import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { RevocationReason } from '@certdesk/domain';
import type { AuditEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { CertificateRepository } from '../certificates/certificate.repository';
import { IbUser } from '../customers/ib-user.entity';
import { Transactions } from '../infra/database/transactions';
import { Clock } from '../infra/clock/clock';
import { notFound } from '../infra/tenancy/tenant';
import { CrlService } from './crl.service';
import { lockedFindOne } from './row-lock';

/**
 * Who revokes, as the audit log records it. `{ actorType: 'staff' }` takes the signed-in staff
 * member from the request; `system` and `ib_user` name themselves.
 */
export type RevocationActor = Required<Pick<AuditEntry, 'actorType'>> &
  Pick<AuditEntry, 'actorId' | 'actorName'>;

export interface RevocationOptions {
  /** Free text for the audit log (never secrets). */
  comment?: string;
  /**
   * Run inside the caller's transaction (e.g. a reissue approval). The CRL is then re-published at
   * the next CRL check, or by calling `CrlService.publish` after the commit.
   */
  manager?: EntityManager;
}

export interface RevocationResult {
  /** The certificate as stored afterwards. */
  certificate: Certificate;
  /** It was revoked before: the first revocation (time and reason) stands and nothing changed. */
  alreadyRevoked: boolean;
}

/**
 * 失効: revokes certificates with an RFC 5280 reason. A certificate is revoked at most once — the
 * first time and reason stand, even when two revocations race. The IB user's `current_revoked`
 * mirror follows when it is their current certificate; the CRL is re-published after the commit
 * (the CA is marked stale inside the transaction, so a crash cannot lose it). Audited.
 */
@Injectable()
export class CertificateRevocationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly certificates: CertificateRepository,
    private readonly crl: CrlService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Revokes one certificate (any credit union: callers check the tenant). 404 when it does not exist. */
  async revoke(
    certificateId: string,
    reason: RevocationReason,
    actor: RevocationActor,
    options: RevocationOptions = {},
  ): Promise<RevocationResult> {
    const run = async (manager: EntityManager): Promise<RevocationResult> => {
      const certificate = await manager.findOneBy(Certificate, {
        id: certificateId,
      });
      if (!certificate) throw notFound();
      const revoked = await this.revokeIn(
        manager,
        certificate,
        reason,
        this.clock.now(),
      );
      await this.audit.recordIn(
        manager,
        revocationAudit(revoked ?? certificate, reason, actor, {
          ...(options.comment ? { comment: options.comment } : {}),
          ...(revoked
            ? {}
            : {
                alreadyRevoked: true,
                firstRevokedAt: certificate.revokedAt?.toISOString(),
                firstReason: certificate.revocationReason,
              }),
        }),
      );
      return { certificate: revoked ?? certificate, alreadyRevoked: !revoked };
    };
    const result = options.manager
      ? await run(options.manager)
      : await this.transactions.run(run);
    if (!result.alreadyRevoked && !options.manager)
      await this.crl.publishQuietly(result.certificate.creditUnionId);
    return result;
  }

  /** Revokes every unrevoked certificate of an IB user (reissue approval); returns those revoked now. */
  async revokeAllOf(
    ibUserId: string,
    reason: RevocationReason,
    actor: RevocationActor,
    options: RevocationOptions = {},
  ): Promise<Certificate[]> {
    const run = async (manager: EntityManager): Promise<Certificate[]> => {
      const now = this.clock.now();
      const done: Certificate[] = [];
      for (const certificate of await manager.findBy(Certificate, {
        ibUserId,
        revokedAt: IsNull(),
      })) {
        const revoked = await this.revokeIn(manager, certificate, reason, now);
        if (revoked) done.push(revoked);
      }
      for (const c of done)
        await this.audit.recordIn(
          manager,
          revocationAudit(
            c,
            reason,
            actor,
            options.comment ? { comment: options.comment } : {},
          ),
        );
      return done;
    };
    const done = options.manager
      ? await run(options.manager)
      : await this.transactions.run(run);
    if (done.length && !options.manager)
      await this.crl.publishQuietly(done[0].creditUnionId);
    return done;
  }

  /**
   * Inside an issuance: revokes the IB user's previous current certificate as `superseded` when it
   * is still valid and unrevoked. Returns its id when it was revoked now (audited here), else null.
   */
  async supersedeIn(
    manager: EntityManager,
    previousId: string,
    successor: Certificate,
    actor: RevocationActor,
  ): Promise<string | null> {
    const previous = await manager.findOneBy(Certificate, { id: previousId });
    const now = successor.createdAt;
    if (!previous || previous.notAfter.getTime() <= now.getTime()) return null;
    const revoked = await this.revokeIn(manager, previous, 'superseded', now);
    if (!revoked) return null;
    await this.audit.recordIn(
      manager,
      revocationAudit(revoked, 'superseded', actor, {
        supersededBy: successor.id,
      }),
    );
    return revoked.id;
  }

  /**
   * Retires the certificate a renewal replaced (revoked as `superseded`, whatever its expiry) once
   * its successor has logged on or it has passed its own expiry date. Returns whether it was revoked now.
   */
  async retireIn(
    manager: EntityManager,
    replacedId: string,
    successorId: string,
    actor: RevocationActor,
  ): Promise<boolean> {
    const replaced = await manager.findOneBy(Certificate, { id: replacedId });
    if (!replaced) return false;
    const revoked = await this.revokeIn(
      manager,
      replaced,
      'superseded',
      this.clock.now(),
    );
    if (!revoked) return false;
    await this.audit.recordIn(
      manager,
      revocationAudit(revoked, 'superseded', actor, {
        supersededBy: successorId,
      }),
    );
    return true;
  }

  /**
   * The sweep of the CRL check: every certificate a renewal replaced whose successor never logged
   * on is retired after its own expiry date (JST). Returns how many were retired.
   */
  async retireExpiredReplaced(): Promise<number> {
    const due = await this.certificates.replacedAndExpired(this.clock.today());
    const creditUnions = new Set<string>();
    for (const row of due) {
      const retired = await this.transactions.run((manager) =>
        this.retireIn(manager, row.id, row.successor, {
          actorType: 'system',
          actorName: 'renewal-overlap',
        }),
      );
      if (retired) creditUnions.add(row.cu);
    }
    for (const cu of creditUnions) await this.crl.publishQuietly(cu);
    return due.length;
  }

  /** The revocation itself; null when the certificate was revoked already (first revocation kept). */
  private async revokeIn(
    manager: EntityManager,
    certificate: Certificate,
    reason: RevocationReason,
    now: Date,
  ): Promise<Certificate | null> {
    // Lock order of every writer: IB user, certificate, CA, audit chain (issuance locks the IB user first too).
    await lockedFindOne(manager, IbUser, { id: certificate.ibUserId });
    const result = await manager
      .createQueryBuilder()
      .update(Certificate)
      .set({ revokedAt: now, revocationReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id: certificate.id })
      .execute();
    if (!result.affected) {
      Object.assign(
        certificate,
        await manager.findOneByOrFail(Certificate, { id: certificate.id }),
      );
      return null;
    }
    await manager.update(
      IbUser,
      { id: certificate.ibUserId, currentCertificateId: certificate.id },
      { currentRevoked: true, updatedAt: now },
    );
    await this.crl.markStale(manager, certificate.creditUnionId);
    return { ...certificate, revokedAt: now, revocationReason: reason };
  }
}

function revocationAudit(
  certificate: Certificate,
  reason: RevocationReason,
  actor: RevocationActor,
  extra: Record<string, unknown>,
): AuditEntry {
  return {
    ...actor,
    action: 'certificate.revoke',
    outcome: extra['alreadyRevoked'] ? 'failure' : 'success',
    creditUnionId: certificate.creditUnionId,
    targetType: 'certificate',
    targetId: certificate.id,
    details: {
      serialHex: certificate.serialHex,
      ibUserId: certificate.ibUserId,
      reason,
      ...extra,
    },
  };
}
