import { createHash } from 'node:crypto';
import { Openssl, tamperSignature } from '../testing/openssl';
import { checkCsr } from './csr';

describe('checkCsr', () => {
  const openssl = new Openssl();
  afterAll(() => openssl.close());

  it.each([2048, 3072])(
    'accepts an RSA-%i request made by openssl req -new -newkey',
    (bits) => {
      const { csrPem } = openssl.newKeyRequest(bits);
      const result = checkCsr(csrPem);
      if (!result.ok) throw new Error(result.reasons.join('; '));
      expect(result.request.keyBits).toBe(bits);
      const spki = Buffer.from(
        openssl
          .ok([
            'req',
            '-in',
            openssl.file('req.pem', csrPem),
            '-pubkey',
            '-noout',
          ])
          .replace(/-----[A-Z ]+-----|\s+/g, ''),
        'base64',
      );
      expect(result.request.publicKeySha256).toBe(
        createHash('sha256').update(spki).digest('hex'),
      );
      expect(result.request.publicKeyDer.equals(spki)).toBe(true);
    },
  );

  it.each([
    [
      'RSA 1024',
      () => openssl.request({ bits: 1024 }).csrPem,
      /鍵長が1024ビットです。2048ビット以上/,
    ],
    [
      'EC P-256',
      () => openssl.request({ key: 'ec' }).csrPem,
      /鍵の種類が楕円曲線（EC）です。RSA鍵/,
    ],
    [
      'exponent 3',
      () => openssl.request({ bits: 2048, exponent: 3 }).csrPem,
      /公開指数が3です。公開指数65537/,
    ],
    [
      'a tampered signature',
      () => tamperSignature(openssl.request().csrPem),
      /署名を検証できません（内容が改ざんされているか/,
    ],
  ])('refuses %s with a Japanese reason', (_name, make, reason) => {
    const result = checkCsr(make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons).toEqual([expect.stringMatching(reason)]);
  });

  /** An RSA-2048 request from `openssl req -new` asking for the given extensions (-addext). */
  const requestWith = (...extensions: string[]) => {
    const key = openssl.file('k.pem', openssl.newKeyRequest(2048).keyPem);
    return openssl.ok([
      'req',
      '-new',
      '-key',
      key,
      '-subj',
      '/CN=customer',
      '-sha256',
      ...extensions.flatMap((e) => ['-addext', e]),
    ]);
  };

  it.each([
    [
      'CA:TRUE',
      ['basicConstraints=critical,CA:TRUE'],
      /^証明書発行要求（CSR）が認証局（CA:TRUE）の証明書を求めています。/,
    ],
    [
      'CA:TRUE among other extensions',
      ['subjectAltName=DNS:bank.example', 'basicConstraints=CA:TRUE,pathlen:0'],
      /認証局（CA:TRUE）/,
    ],
    [
      'extra extensions',
      ['subjectAltName=DNS:bank.example', 'extendedKeyUsage=serverAuth'],
      /^証明書発行要求（CSR）に拡張（subjectAltName、extendedKeyUsage）が含まれています。拡張は当金庫が設定しますので、含めずに作り直してください$/,
    ],
    [
      'even CA:FALSE',
      ['basicConstraints=CA:FALSE'],
      /拡張（basicConstraints）が含まれています/,
    ],
  ])(
    'refuses a request asking for %s (extensions are the credit union’s to set)',
    (_name, extensions, reason) => {
      const result = checkCsr(requestWith(...extensions));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reasons).toEqual([expect.stringMatching(reason)]);
    },
  );

  it('refuses two requests in one PEM text (which one would be certified?)', () => {
    const one = openssl.newKeyRequest(2048).csrPem;
    expect(checkCsr(one).ok).toBe(true);
    expect(checkCsr(one + openssl.newKeyRequest(2048).csrPem)).toEqual({
      ok: false,
      reasons: [
        '証明書発行要求（CSR）が複数含まれています。1つだけ送信してください',
      ],
    });
  });

  it('lists every reason at once: a 1024-bit key with exponent 3', () => {
    const result = checkCsr(
      openssl.request({ bits: 1024, exponent: 3 }).csrPem,
    );
    expect(result.ok ? [] : result.reasons).toEqual([
      expect.stringMatching(/^鍵長が1024/),
      expect.stringMatching(/^公開指数が3/),
    ]);
  });

  it('refuses a request signed with SHA-1', () => {
    const { keyPem } = openssl.request();
    const csr = openssl.ok([
      'req',
      '-new',
      '-key',
      openssl.file('k.pem', keyPem),
      '-subj',
      '/CN=x',
      '-sha1',
    ]);
    expect(checkCsr(csr)).toEqual({
      ok: false,
      reasons: [expect.stringMatching(/SHA-1が使われています/)],
    });
  });

  it('refuses what is not a PKCS#10 request', () => {
    const { keyPem } = openssl.request();
    for (const junk of [
      '',
      'hello',
      keyPem,
      '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
      'x'.repeat(20000),
    ]) {
      const result = checkCsr(junk);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.reasons).toEqual([
        expect.stringMatching(/CSR/),
      ]);
    }
  });
});
