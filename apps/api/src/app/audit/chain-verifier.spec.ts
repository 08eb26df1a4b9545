import {
  GENESIS_HASH,
  HashedFields,
  auditHash,
  keyedAuditHash,
} from './audit-hash';
import { AuditKey } from './audit-key';
import { ChainVerifier, PinnedHead } from './chain-verifier';

const KEY = 'test-audit-key-0123456789abcdef0123';

type Row = HashedFields & { id: string; hash: string; hashVersion: number };

/** `legacy` unkeyed records (version 1), then keyed ones (version 2), correctly chained. */
function chain(legacy: number, keyed: number, key = KEY): Row[] {
  const rows: Row[] = [];
  for (let seq = 1; seq <= legacy + keyed; seq++) {
    const fields: HashedFields = {
      chain: 'cu-1',
      seq,
      occurredAt: new Date(Date.UTC(2026, 11, 1, 0, 0, seq)),
      creditUnionId: 'cu-1',
      actorType: 'system',
      actorId: null,
      actorName: null,
      action: 'test.event',
      targetType: null,
      targetId: null,
      outcome: 'success',
      ip: null,
      requestId: null,
      details: `{"i":${seq}}`,
      prevHash: rows[seq - 2]?.hash ?? GENESIS_HASH,
    };
    const legacyRow = seq <= legacy;
    rows.push({
      ...fields,
      id: `id-${seq}`,
      hashVersion: legacyRow ? 1 : 2,
      hash: legacyRow ? auditHash(fields) : keyedAuditHash(fields, key),
    });
  }
  return rows;
}

function verify(rows: Row[], heads: PinnedHead[] = [], key = KEY) {
  const verifier = new ChainVerifier(key, heads);
  for (const row of rows) if (!verifier.accept(row)) break;
  verifier.finish();
  return verifier.result();
}

const pin = (rows: Row[], seq: number): PinnedHead => ({
  seq,
  hash: rows[seq - 1].hash,
});

describe('ChainVerifier with the keyed chain and signed heads', () => {
  it('accepts unkeyed records followed by keyed ones, and refuses keyed ones under another key', () => {
    const rows = chain(3, 4);
    expect(verify(rows, [pin(rows, 5)])).toEqual({
      intact: true,
      checked: 7,
      firstBroken: null,
    });
    expect(
      verify(rows, [], 'another-key-0123456789abcdef012345').firstBroken,
    ).toEqual({ seq: 4, id: 'id-4', reason: 'hash_mismatch' });
  });

  it('reports records removed from the end below a head (truncated), but not above the last head', () => {
    const rows = chain(0, 10);
    const heads = [pin(rows, 4), pin(rows, 8)];
    expect(verify(rows.slice(0, 6), heads).firstBroken).toEqual({
      seq: 7,
      id: null,
      reason: 'truncated',
    });
    expect(verify(rows.slice(0, 8), heads).intact).toBe(true); // the residual: after the last head
  });

  it('reports a consistent unkeyed rewrite of the tail: head_mismatch at the head, downgraded after it', () => {
    const rows = chain(2, 6);
    const rewritten = chain(8, 0); // the same content, all re-hashed without the key
    expect(verify(rewritten, [pin(rows, 5)]).firstBroken).toEqual({
      seq: 5,
      id: 'id-5',
      reason: 'head_mismatch',
    });
    // An unkeyed record past the first head can only be a rewrite, even where no head pins it.
    expect(verify(rewritten, [pin(rewritten, 5)]).firstBroken).toEqual({
      seq: 6,
      id: 'id-6',
      reason: 'downgraded',
    });
  });

  it('signs heads with the key: another key, or a changed field, does not verify', () => {
    const key = new AuditKey(KEY, false);
    const head = {
      id: 'h1',
      chain: 'cu-1',
      recordedOn: '2026-12-01',
      recordedAt: new Date('2026-12-01T00:00:00Z'),
      seq: 10,
      hash: 'a'.repeat(64),
      signature: '',
    };
    head.signature = key.headSignature(head);
    expect(key.signatureValid(head)).toBe(true);
    expect(key.signatureValid({ ...head, seq: 11 })).toBe(false);
    expect(
      new AuditKey('another-key-0123456789abcdef012345', false).signatureValid(
        head,
      ),
    ).toBe(false);
  });
});
