import type { AuditVerification } from '@certdesk/contracts';
import type { AuditEvent } from './audit-event.entity';
import {
  GENESIS_HASH,
  HashedFields,
  LEGACY_HASH_VERSION,
  hashFor,
} from './audit-hash';

export type ChainBreak = NonNullable<AuditVerification['firstBroken']>;

/** A signed head already checked for its signature (audit-key.ts): the seq and hash it pins. */
export interface PinnedHead {
  seq: number;
  hash: string;
}

type Checked = HashedFields &
  Pick<AuditEvent, 'id' | 'hash'> & { hashVersion?: number };

/**
 * Walks one chain in `seq` order, a record at a time (so the caller can page through any
 * length in bounded memory), and remembers the first break:
 * - `missing`: a sequence number is absent (a deleted record), reported at the absent seq;
 * - `hash_mismatch`: the record's content does not give its stored hash under its hash version
 *   (an edited record; for keyed records, also one re-hashed without the key);
 * - `link_mismatch`: its `prevHash` is not the previous record's hash (an edited record whose hash was recomputed, or a forged record);
 * - `downgraded`: an unkeyed (version 1) record after a keyed one, or after the first signed head
 *   (every record since was written keyed, so an unkeyed one there is a rewrite without the key);
 * - `head_mismatch`: the record at a signed head's seq has another hash than the head pinned;
 * - `truncated` (from `finish`): a signed head pins a seq beyond the chain's last record — records
 *   removed from the end, reported at the first missing seq. Without a head, a record removed from
 *   the very end cannot be told apart from one never written.
 */
export class ChainVerifier {
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private lastVersion = LEGACY_HASH_VERSION;
  private count = 0;
  private broken: ChainBreak | null = null;
  private readonly pinned = new Map<number, string[]>();
  private readonly legacyUntil: number;
  private readonly maxPinned: number;

  constructor(
    private readonly key = '',
    heads: PinnedHead[] = [],
  ) {
    for (const head of heads)
      this.pinned.set(head.seq, [
        ...(this.pinned.get(head.seq) ?? []),
        head.hash,
      ]);
    const seqs = heads.map((head) => head.seq);
    this.legacyUntil = seqs.length ? Math.min(...seqs) : Infinity;
    this.maxPinned = seqs.length ? Math.max(...seqs) : 0;
  }

  /** Checks the next record; returns false once the chain is broken (further records are ignored). */
  accept(record: Checked): boolean {
    if (this.broken) return false;
    this.count++;
    const expectedSeq = this.lastSeq + 1;
    const version = record.hashVersion ?? LEGACY_HASH_VERSION;
    const at = (reason: ChainBreak['reason']): ChainBreak => ({
      seq: record.seq,
      id: record.id,
      reason,
    });
    if (record.seq !== expectedSeq) {
      this.broken = { seq: expectedSeq, id: null, reason: 'missing' };
    } else if (
      version < this.lastVersion ||
      (version === LEGACY_HASH_VERSION && record.seq > this.legacyUntil)
    ) {
      this.broken = at('downgraded');
    } else if (hashFor(record, version, this.key) !== record.hash) {
      this.broken = at('hash_mismatch');
    } else if (record.prevHash !== this.lastHash) {
      this.broken = at('link_mismatch');
    } else if (
      (this.pinned.get(record.seq) ?? []).some((hash) => hash !== record.hash)
    ) {
      this.broken = at('head_mismatch');
    }
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
    this.lastVersion = version;
    return this.broken === null;
  }

  /** After the last record: a signed head beyond it means records were removed from the end. */
  finish(): void {
    if (!this.broken && this.maxPinned > this.lastSeq)
      this.broken = { seq: this.lastSeq + 1, id: null, reason: 'truncated' };
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
