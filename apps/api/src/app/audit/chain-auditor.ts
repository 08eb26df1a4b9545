import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuditVerification } from '@certdesk/contracts';
import { AuditEventRepository } from './audit-event.repository';
import { GENESIS_HASH } from './audit-hash';
import { AuditHead } from './audit-head.entity';
import { AuditKey } from './audit-key';
import { ChainVerifier } from './chain-verifier';

/** Records read per round trip while verifying: memory stays bounded whatever the chain's length. */
export const VERIFY_PAGE_SIZE = 1000;

export type ChainResult = Omit<AuditVerification, 'verifiedAt'> & {
  headsChecked: number;
};

/** Verifies a chain against its records and its signed heads, and records heads. No request context needed. */
@Injectable()
export class ChainAuditor {
  private readonly logger = new Logger('AuditHead');

  constructor(
    private readonly events: AuditEventRepository,
    private readonly key: AuditKey,
  ) {}

  /** Every chain there is or was: each credit union's, `system` (e.g. failed log-ins of unknown usernames), and any with a recorded head. */
  chains(): Promise<string[]> {
    return this.events.chains();
  }

  /**
   * Recomputes `chain` up to its head at the start of the run, page by page in `seq` order, and checks
   * it against its signed heads (read before the head, so a head recorded meanwhile is never beyond it).
   */
  async verifyChain(chain: string): Promise<ChainResult> {
    const heads = await this.events.heads(chain);
    const forged = heads.find((head) => !this.key.signatureValid(head));
    if (forged)
      return {
        intact: false,
        checked: 0,
        firstBroken: { seq: forged.seq, id: null, reason: 'head_forged' },
        headsChecked: heads.length,
      };
    const headSeq = await this.events.topSeq(chain);
    const verifier = new ChainVerifier(this.key.key, heads);
    for (;;) {
      const page = await this.events.between(
        chain,
        verifier.position,
        headSeq,
        VERIFY_PAGE_SIZE,
      );
      if (
        !page.every((record) => verifier.accept(record)) ||
        page.length < VERIFY_PAGE_SIZE
      )
        break;
    }
    verifier.finish();
    return { ...verifier.result(), headsChecked: heads.length };
  }

  /**
   * Records `chain`'s head for the JST day `day`, signed, in `audit_head` and as a line in the log
   * stream. Returns null when a head for that day exists already (another process recorded it):
   * the unique (chain, day) index makes this the claim of the day's work, safe across processes.
   */
  async recordHead(
    chain: string,
    day: string,
    now: Date,
  ): Promise<AuditHead | null> {
    const last = await this.events.head(chain);
    const fields = {
      chain,
      recordedOn: day,
      recordedAt: now,
      seq: last?.seq ?? 0,
      hash: last?.hash ?? GENESIS_HASH,
    };
    const head = {
      id: randomUUID(),
      ...fields,
      signature: this.key.headSignature(fields),
    };
    const inserted = await this.events.insertHeadOnce(head);
    if (!inserted) return null;
    this.logger.log(
      JSON.stringify({
        event: 'audit.head',
        chain,
        recordedOn: day,
        recordedAt: now.toISOString(),
        seq: head.seq,
        hash: head.hash,
        signature: head.signature,
      }),
    );
    return inserted;
  }
}
