import { Injectable, Logger } from '@nestjs/common';
import { buildCrl } from '@certdesk/pki';
import { AuditService } from '../audit/audit.service';
import { caEntry } from './ca-audit';
import { KeyedMutex } from '../audit/chain-lock';
import { Clock } from '../infra/clock/clock';
import { Manager, Transactions } from '../infra/database/transactions';
import { CertificateAuthority } from './certificate-authority.entity';
import { CertificateAuthorityRepository } from './certificate-authority.repository';
import { CertificateAuthorityService } from './certificate-authority.service';

const HOUR_MS = 3_600_000;
/** A CRL is valid this long; relying parties fetch a new one before then. */
export const CRL_VALIDITY_MS = 7 * 24 * HOUR_MS;
/** …and a new one is published at least this often (daily), and after every revocation. */
export const CRL_REISSUE_AFTER_MS = 24 * HOUR_MS;

/**
 * Each credit union's CRL: the revoked, not yet expired certificates its CA issued, numbered
 * (cRLNumber), stored in `certificate_authority` and served by `GET /ib/crl/<code>.crl`.
 *
 * A revoking transaction calls {@link markStale}, which counts the revocation on the CA row, so a
 * CRL owed is never forgotten, even if the process dies right after the commit. {@link publish}
 * reads that count, lists the revoked certificates, builds and signs without holding any lock, and
 * stores the CRL only if no other process stored the same number meanwhile; revocations that commit
 * while it builds leave the count ahead, so the next publication (or check) covers them.
 * Publications of a credit union run one at a time per process, and a request made while one waits
 * to start joins it.
 */
@Injectable()
export class CrlService {
  private readonly logger = new Logger(CrlService.name);
  private readonly running = new KeyedMutex();
  private readonly waiting = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly transactions: Transactions,
    private readonly rows: CertificateAuthorityRepository,
    private readonly cas: CertificateAuthorityService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Inside a transaction that revoked a certificate of this credit union: its CRL is now out of date. */
  async markStale(manager: Manager, creditUnionId: string): Promise<void> {
    await this.rows.countRevocation(manager, creditUnionId);
  }

  /** Publishes a CRL that covers every revocation committed before the call; returns it (DER). */
  publish(creditUnionId: string, onlyIfDue = false): Promise<Buffer> {
    const waiting = this.waiting.get(creditUnionId);
    if (waiting) return waiting;
    const next = this.running.run(creditUnionId, () => {
      this.waiting.delete(creditUnionId);
      return this.publishNow(creditUnionId, onlyIfDue);
    });
    this.waiting.set(creditUnionId, next);
    return next;
  }

  /** {@link publish}, logging instead of throwing: the count on the CA row makes the next check retry. */
  async publishQuietly(
    creditUnionId: string,
    onlyIfDue = false,
  ): Promise<void> {
    try {
      await this.publish(creditUnionId, onlyIfDue);
    } catch (error) {
      this.logger.error(
        `CRL publication failed for credit union ${creditUnionId}; retried at the next check: ${String(error)}`,
      );
    }
  }

  /** Publishes every CRL that is behind its revocations, missing, or a day old; returns those credit unions. */
  async publishDue(): Promise<string[]> {
    const dayAgo = new Date(this.clock.now().getTime() - CRL_REISSUE_AFTER_MS);
    const due = await this.rows.crlDue(dayAgo);
    // Another process may publish it meanwhile: each publication checks again that it is still due.
    for (const creditUnionId of due)
      await this.publishQuietly(creditUnionId, true);
    return due;
  }

  /** The latest CRL (DER) of the credit union with this code, publishing a first one if needed; null for an unknown code. */
  async currentByCode(code: string): Promise<Buffer | null> {
    const creditUnion = await this.cas.creditUnionByCode(code);
    if (!creditUnion) return null;
    await this.cas.forCreditUnion(creditUnion.id);
    const row = await this.rows.rowOrFail(creditUnion.id);
    return row.crlDer
      ? Buffer.from(row.crlDer, 'base64')
      : this.publish(creditUnion.id);
  }

  /** Behind its revocations, never published, or a day old. */
  private isDue(row: CertificateAuthority): boolean {
    return (
      row.revocationCount > row.crlRevocationCount ||
      !row.crlThisUpdate ||
      row.crlThisUpdate.getTime() <=
        this.clock.now().getTime() - CRL_REISSUE_AFTER_MS
    );
  }

  private async publishNow(
    creditUnionId: string,
    onlyIfDue: boolean,
  ): Promise<Buffer> {
    const ca = await this.cas.forCreditUnion(creditUnionId);
    // The count first, the list second: every revocation counted here is committed, so listed.
    const row = await this.rows.rowOrFail(creditUnionId);
    // A scheduled check found it due, but another process may have published it since: once is enough.
    if (onlyIfDue && row.crlDer && !this.isDue(row))
      return Buffer.from(row.crlDer, 'base64');
    const thisUpdate = new Date(
      Math.floor(this.clock.now().getTime() / 1000) * 1000,
    );
    const revoked = await this.rows.revokedFor(creditUnionId, thisUpdate);
    const crlNumber = row.crlNumber + 1;
    const nextUpdate = new Date(thisUpdate.getTime() + CRL_VALIDITY_MS);
    const der = await buildCrl({
      ca,
      revoked: revoked.map((c) => ({
        serialHex: c.serialHex,
        revokedAt: c.revokedAt as Date,
        reason: c.revocationReason ?? 'unspecified',
      })),
      thisUpdate,
      nextUpdate,
      crlNumber,
    });
    const stored = await this.transactions.run(async (manager) => {
      const updated = await this.rows.storeCrl(manager, row.id, row.crlNumber, {
        crlNumber,
        crlDer: der.toString('base64'),
        crlThisUpdate: thisUpdate,
        crlNextUpdate: nextUpdate,
        crlRevocationCount: row.revocationCount,
      });
      if (!updated) return false;
      await this.audit.recordIn(
        manager,
        caEntry({ id: row.id, creditUnionId }, 'crl.publish', {
          crlNumber,
          entries: revoked.length,
          thisUpdate: thisUpdate.toISOString(),
          nextUpdate: nextUpdate.toISOString(),
        }),
      );
      return true;
    });
    if (stored) return der;
    // Another process stored this number first: theirs stands (a later check catches up if it is behind).
    return Buffer.from(
      (await this.rows.rowOrFail(creditUnionId)).crlDer ?? '',
      'base64',
    );
  }
}
