import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Openssl, tamperSignature } from '@certdesk/pki/testing';

/**
 * Requests made once with `openssl` and kept (a 16384-bit RSA key takes minutes to generate; DSA
 * parameters seconds): `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:16384`, and
 * `openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048`, each then
 * `openssl req -new -key … -subj /CN=customer -sha256`. Only the requests are kept, not the keys.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export interface HostileCsr {
  label: string;
  csr: unknown;
}

const der = (pem: string) =>
  Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
const pem = (type: string, bytes: Buffer) =>
  `-----BEGIN ${type}-----\n${
    bytes
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? ''
  }\n-----END ${type}-----\n`;

/** An RSA-2048 request from `openssl req` with `-addext` for each of `extensions`. */
function requestWith(openssl: Openssl, extensions: string[]): string {
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
}

/** Every kind of request the IB channel must refuse with a reason, each made for real by openssl. */
export function fixedHostileCsrs(openssl: Openssl): HostileCsr[] {
  const good = openssl.newKeyRequest(2048);
  const goodDer = der(good.csrPem);
  const sha1 = openssl.ok([
    'req',
    '-new',
    '-key',
    openssl.file('k.pem', good.keyPem),
    '-subj',
    '/CN=customer',
    '-sha1',
  ]);
  return [
    { label: 'EC P-256 key', csr: openssl.request({ key: 'ec' }).csrPem },
    { label: 'DSA key', csr: fixture('dsa-2048.csr.pem') },
    { label: 'RSA 1024', csr: openssl.request({ bits: 1024 }).csrPem },
    { label: 'RSA 16384', csr: fixture('rsa-16384.csr.pem') },
    { label: 'exponent 3', csr: openssl.request({ exponent: 3 }).csrPem },
    {
      label: 'CA:TRUE',
      csr: requestWith(openssl, ['basicConstraints=critical,CA:TRUE']),
    },
    {
      label: 'extra extensions',
      csr: requestWith(openssl, [
        'subjectAltName=DNS:bank.example',
        'extendedKeyUsage=serverAuth',
      ]),
    },
    { label: 'signature does not match', csr: tamperSignature(good.csrPem) },
    { label: 'signed with SHA-1', csr: sha1 },
    {
      label: 'truncated',
      csr: pem('CERTIFICATE REQUEST', goodDer.subarray(0, 300)),
    },
    {
      label: 'trailing bytes',
      csr: pem(
        'CERTIFICATE REQUEST',
        Buffer.concat([goodDer, Buffer.from([0, 0])]),
      ),
    },
    { label: 'a certificate instead', csr: pem('CERTIFICATE', goodDer) },
    { label: 'the private key instead', csr: good.keyPem },
    {
      label: 'garbage armour',
      csr: '-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n',
    },
    {
      label: 'mismatched armour',
      csr: good.csrPem.replace('END CERTIFICATE REQUEST', 'END X509 CRL'),
    },
    { label: 'two requests', csr: good.csrPem + good.csrPem },
    {
      label: 'random DER',
      csr: pem('CERTIFICATE REQUEST', Buffer.alloc(600, 0x30)),
    },
    {
      label: 'huge (18,000 characters)',
      csr: pem('CERTIFICATE REQUEST', Buffer.alloc(13_300, 0x41)),
    },
    {
      label: 'oversized (25,000 characters)',
      csr: pem('CERTIFICATE REQUEST', Buffer.alloc(19_000, 0x41)),
    },
    { label: 'NUL inside', csr: good.csrPem.replace('\n', '\n\u0000') },
    { label: 'not a string', csr: { pem: good.csrPem } },
    { label: 'an array', csr: [good.csrPem] },
    { label: 'empty', csr: '' },
  ];
}

/** Random damage to a valid request: flipped bytes, truncations, broken base64 (property-based). */
export function mutatedCsr(validPem: string): fc.Arbitrary<HostileCsr> {
  const bytes = der(validPem);
  return fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
      )
      .map(([at, xor]) => {
        const copy = Buffer.from(bytes);
        copy[at] ^= xor;
        return {
          label: `byte ${at} ^ ${xor}`,
          csr: pem('CERTIFICATE REQUEST', copy),
        };
      }),
    fc.integer({ min: 1, max: bytes.length - 1 }).map((at) => ({
      label: `truncated at ${at}`,
      csr: pem('CERTIFICATE REQUEST', bytes.subarray(0, at)),
    })),
    fc.integer({ min: 40, max: validPem.length - 40 }).map((at) => ({
      label: `base64 broken at ${at}`,
      csr: `${validPem.slice(0, at)}*${validPem.slice(at + 1)}`,
    })),
  );
}
