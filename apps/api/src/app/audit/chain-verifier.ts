import type { AuditVerification } from '@certdesk/contracts';
import type { AuditEvent } from './audit-event.entity';
import { GENESIS_HASH, HashedFields, auditHash } from './audit-hash';

export type ChainBreak = NonNullable<AuditVerification['firstBroken']>;

/**
 * Walks one chain in `seq` order, a record at a time (so the caller can page through any
 * length in bounded memory), and remembers the first break:
 * - `missing`: a sequence number is absent (a deleted record), reported at the absent seq;
 * - `hash_mismatch`: the record's content does not give its stored hash (an edited record);
 * - `link_mismatch`: its `prevHash` is not the previous record's hash (an edited record whose hash was recomputed, or a forged record).
 * A record removed from the very end of a chain cannot be told apart from one never written.
 */
export class ChainVerifier {
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private count = 0;
  private broken: ChainBreak | null = null;

  /** Checks the next record; returns false once the chain is broken (further records are ignored). */
  accept(record: HashedFields & Pick<AuditEvent, 'id' | 'hash'>): boolean {
    if (this.broken) return false;
    this.count++;
    const expectedSeq = this.lastSeq + 1;
    if (record.seq !== expectedSeq) {
      this.broken = { seq: expectedSeq, id: null, reason: 'missing' };
    } else if (auditHash(record) !== record.hash) {
      this.broken = { seq: record.seq, id: record.id, reason: 'hash_mismatch' };
    } else if (record.prevHash !== this.lastHash) {
      this.broken = { seq: record.seq, id: record.id, reason: 'link_mismatch' };
    }
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
    return this.broken === null;
  }

  /** The sequence number of the last record accepted (the keyset for the next page). */
  get position(): number {
    return this.lastSeq;
  }

  result(): {
    intact: boolean;
    checked: number;
    firstBroken: ChainBreak | null;
  } {
    return {
      intact: this.broken === null,
      checked: this.count,
      firstBroken: this.broken,
    };
  }
}
