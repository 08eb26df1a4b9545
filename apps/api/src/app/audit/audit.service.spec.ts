import type { StaffPrincipal } from '../infra/tenancy/request-context';
import {
  GENESIS_HASH,
  HashedFields,
  auditHash,
  canonicalJson,
  canonicalRecord,
} from './audit-hash';
import { SYSTEM_CHAIN, describeEntry } from './audit.service';
import { KeyedMutex } from './chain-lock';
import { ChainVerifier } from './chain-verifier';
import { isSecretKey, redact } from './redact';

const base: HashedFields = {
  chain: 'cu-1',
  seq: 1,
  occurredAt: new Date('2026-12-01T00:00:00.000Z'),
  creditUnionId: 'cu-1',
  actorType: 'staff',
  actorId: 'staff-1',
  actorName: 'sato',
  action: 'reissue.approve',
  targetType: 'reissue_request',
  targetId: 'rr-1',
  outcome: 'success',
  ip: '127.0.0.1',
  requestId: 'req-1',
  details: '{"a":1,"b":[2,{"c":"3"}]}',
  prevHash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined, writes Dates as ISO', () => {
    const value = {
      b: 1,
      a: { d: [3, { z: 1, y: undefined, x: null }], c: '日本' },
      e: new Date('2026-01-02T03:04:05Z'),
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{"c":"日本","d":[3,{"x":null,"z":1}]},"b":1,"e":"2026-01-02T03:04:05.000Z"}',
    );
    expect(canonicalJson({ y: 1, x: 2 })).toBe(canonicalJson({ x: 2, y: 1 }));
  });
});

describe('auditHash', () => {
  it('is pinned: changing the serialisation would break every stored chain', () => {
    expect(canonicalRecord(base)).toBe(
      '["cu-1",1,"2026-12-01T00:00:00.000Z","cu-1","staff","staff-1","sato","reissue.approve","reissue_request","rr-1","success",' +
        '"127.0.0.1","req-1","{\\"a\\":1,\\"b\\":[2,{\\"c\\":\\"3\\"}]}","' +
        GENESIS_HASH +
        '"]',
    );
    expect(auditHash(base)).toBe(
      'a16310fa9f5bc3f4645e7d23a1a2b51e9e736f72dec2f5630b1c193c8d7ec0ee',
    );
  });

  it('does not depend on how the stored details text is spaced or ordered', () => {
    expect(
      auditHash({ ...base, details: '{ "b": [2, {"c": "3"}], "a": 1 }' }),
    ).toBe(auditHash(base));
  });

  it.each<[string, Partial<HashedFields>]>([
    ['chain', { chain: 'cu-2' }],
    ['seq', { seq: 2 }],
    ['time', { occurredAt: new Date('2026-12-01T00:00:00.001Z') }],
    ['credit union', { creditUnionId: null }],
    ['actor type', { actorType: 'system' }],
    ['actor id', { actorId: null }],
    ['actor name', { actorName: 'Sato' }],
    ['action', { action: 'reissue.reject' }],
    ['target type', { targetType: null }],
    ['target id', { targetId: 'rr-2' }],
    ['outcome', { outcome: 'denied' }],
    ['ip', { ip: '127.0.0.2' }],
    ['request id', { requestId: null }],
    ['details', { details: '{"a":2,"b":[2,{"c":"3"}]}' }],
    ['malformed details', { details: '{"a":1,"b":[2,{"c":"3"}]' }],
    ['previous hash', { prevHash: 'f'.repeat(64) }],
  ])('changes when the %s changes', (_, change) => {
    expect(auditHash({ ...base, ...change })).not.toBe(auditHash(base));
  });

  it('tells null from the string "null" and empty strings', () => {
    expect(auditHash({ ...base, actorName: 'null' })).not.toBe(
      auditHash({ ...base, actorName: null }),
    );
    expect(auditHash({ ...base, actorName: '' })).not.toBe(
      auditHash({ ...base, actorName: null }),
    );
  });
});

describe('redact', () => {
  it.each([
    'password',
    'newPassword',
    'PASSWORD_HASH',
    'pin',
    'PIN',
    'confirmPin',
    'pin_hash',
    'userPINCode',
    'pin1',
    'token',
    'accessToken',
    'refresh-token',
    'secret',
    'clientSecret',
    'privateKey',
    'private_key',
    'PrivateKeyPem',
    'passphrase',
    'keyPassphrase',
    'passwd',
  ])('drops %s', (key) => expect(isSecretKey(key)).toBe(true));

  it.each([
    'shipping',
    'mapping',
    'spinner',
    'opinion',
    'publicKey',
    'keySize',
    'username',
    'contractNumber',
    'reason',
  ])('keeps %s', (key) => expect(isSecretKey(key)).toBe(false));

  it('drops secrets at any depth, also inside arrays, and leaves the input untouched', () => {
    const input = {
      username: 'sato',
      password: 'hunter2',
      ibUser: {
        loginId: 'u1',
        Pin: '1234',
        confirmPIN: 5678,
        nested: [{ token: 't', keep: 1 }, 'x'],
      },
      csr: { keySize: 2048, privateKey: '-----BEGIN' },
      when: new Date('2026-01-01T00:00:00Z'),
    };
    expect(redact(input)).toEqual({
      username: 'sato',
      ibUser: { loginId: 'u1', nested: [{ keep: 1 }, 'x'] },
      csr: { keySize: 2048 },
      when: new Date('2026-01-01T00:00:00Z'),
    });
    expect(input.password).toBe('hunter2');
    expect(input.ibUser.Pin).toBe('1234');
  });
});

describe('describeEntry', () => {
  const principal: StaffPrincipal = {
    staffId: 'staff-1',
    username: 'sato',
    displayName: '佐藤',
    role: 'manager',
    creditUnionId: 'cu-1',
    sessionId: 's',
    mustChangePassword: false,
  };
  const context = { requestId: 'req-1', ip: '10.0.0.1', principal };

  it('takes actor, credit union, ip and request id from the request context', () => {
    expect(
      describeEntry(
        { action: 'x', outcome: 'success', details: { pin: '1', n: 1 } },
        context,
      ),
    ).toEqual({
      chain: 'cu-1',
      creditUnionId: 'cu-1',
      actorType: 'staff',
      actorId: 'staff-1',
      actorName: 'sato',
      action: 'x',
      targetType: null,
      targetId: null,
      outcome: 'success',
      ip: '10.0.0.1',
      requestId: 'req-1',
      details: '{"n":1}',
    });
  });

  it('is anonymous in the system chain without a principal, and explicit fields win', () => {
    expect(
      describeEntry(
        { action: 'auth.login', outcome: 'denied' },
        { requestId: 'r', ip: null },
      ),
    ).toMatchObject({
      chain: SYSTEM_CHAIN,
      creditUnionId: null,
      actorType: 'anonymous',
      actorId: null,
      actorName: null,
      details: '{}',
    });
    expect(
      describeEntry(
        {
          action: 'auth.login',
          outcome: 'denied',
          creditUnionId: 'cu-9',
          actorName: 'who',
        },
        undefined,
      ),
    ).toMatchObject({
      chain: 'cu-9',
      creditUnionId: 'cu-9',
      actorType: 'anonymous',
      actorName: 'who',
      ip: null,
      requestId: null,
    });
  });

  it('does not name the staff member as actor of an event another kind of actor did', () => {
    expect(
      describeEntry(
        { action: 'job', outcome: 'success', actorType: 'system' },
        context,
      ),
    ).toMatchObject({
      chain: 'cu-1',
      actorType: 'system',
      actorId: null,
      actorName: null,
    });
    expect(
      describeEntry(
        { action: 'job', outcome: 'success', creditUnionId: null },
        context,
      ),
    ).toMatchObject({ chain: SYSTEM_CHAIN, actorId: 'staff-1' });
  });
});

describe('ChainVerifier', () => {
  const chain = (n: number) => {
    const records: (HashedFields & { id: string; hash: string })[] = [];
    for (let seq = 1; seq <= n; seq++) {
      const fields = {
        ...base,
        seq,
        prevHash: records[seq - 2]?.hash ?? GENESIS_HASH,
      };
      records.push({ ...fields, id: `id-${seq}`, hash: auditHash(fields) });
    }
    return records;
  };
  const verify = (records: ReturnType<typeof chain>) => {
    const verifier = new ChainVerifier();
    records.forEach((r) => verifier.accept(r));
    return verifier.result();
  };

  it('accepts an intact chain and an empty one', () => {
    expect(verify(chain(5))).toEqual({
      intact: true,
      checked: 5,
      firstBroken: null,
    });
    expect(verify([])).toEqual({ intact: true, checked: 0, firstBroken: null });
  });

  it('names an edited record, a recomputed hash, a gap, and a chain not starting at 1', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2], action: 'forged' };
    expect(verify(edited).firstBroken).toEqual({
      seq: 3,
      id: 'id-3',
      reason: 'hash_mismatch',
    });

    const rehashed = chain(5);
    rehashed[2] = {
      ...rehashed[2],
      action: 'forged',
      hash: auditHash({ ...rehashed[2], action: 'forged' }),
    };
    expect(verify(rehashed).firstBroken).toEqual({
      seq: 4,
      id: 'id-4',
      reason: 'link_mismatch',
    });

    expect(verify(chain(5).filter((r) => r.seq !== 3)).firstBroken).toEqual({
      seq: 3,
      id: null,
      reason: 'missing',
    });
    expect(verify(chain(3).slice(1)).firstBroken).toEqual({
      seq: 1,
      id: null,
      reason: 'missing',
    });
  });
});

describe('KeyedMutex', () => {
  it('runs one holder per key at a time, in call order, survives a failing holder, lets other keys run, and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const hold = (key: string, name: string, fail = false) =>
      mutex.run(key, async () => {
        log.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([
      hold('a', 'a1'),
      hold('a', 'a2', true),
      hold('b', 'b1'),
      hold('a', 'a3'),
    ]);
    expect(log.filter((l) => l.startsWith('a'))).toEqual([
      'a1+',
      'a1-',
      'a2+',
      'a2-',
      'a3+',
      'a3-',
    ]);
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    await new Promise((r) => setImmediate(r));
    expect(mutex.size).toBe(0);
  });
});
