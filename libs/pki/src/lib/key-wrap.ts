import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  KeyObject,
  pbkdf2,
  randomBytes,
} from 'node:crypto';
import { promisify } from 'node:util';
import * as forge from 'node-forge';
import {
  childrenOf,
  DerElement,
  derOf,
  octetString,
  oid,
  oidOf,
  readWhole,
  sequence,
} from './der';
import { fromPem, toPem } from './signing';

const { Class, Type, create } = forge.asn1;
const pbkdf2Async = promisify(pbkdf2);

/**
 * PBKDF2-HMAC-SHA256 iterations of a CA key's wrapping (OWASP's 2023 figure for this PRF). Node's
 * own `KeyObject.export({ cipher, passphrase })` uses 2,048 and cannot be told otherwise, so the
 * PBES2 structure is written here; OpenSSL reads it as any encrypted PKCS#8.
 */
export const CA_KEY_PBKDF2_ITERATIONS = 600_000;

const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

export class CaKeyPassphraseError extends Error {
  constructor() {
    super('The CA private key cannot be decrypted with this passphrase');
    this.name = 'CaKeyPassphraseError';
  }
}

/** How a stored CA key is wrapped, as read from its EncryptedPrivateKeyInfo. */
export interface CaKeyWrapping {
  /** `pbes2` for every key written by this code; anything else is opened by OpenSSL as it is. */
  scheme: 'pbes2' | 'other';
  kdf: 'pbkdf2' | 'other';
  prf: 'hmacWithSHA256' | 'hmacWithSHA1' | 'other' | null;
  iterations: number | null;
  cipher: 'aes-256-cbc' | 'other' | null;
}

interface Pbes2Parts {
  wrapping: CaKeyWrapping;
  salt: Buffer;
  iv: Buffer;
  encrypted: Buffer;
}

/** The CA key as encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256 × {@link CA_KEY_PBKDF2_ITERATIONS}, AES-256-CBC). */
export async function encryptCaKey(
  privateKeyPem: string,
  passphrase: string,
): Promise<string> {
  if (!passphrase)
    throw new RangeError('A passphrase is required to encrypt the CA key');
  const pkcs8 = createPrivateKey(privateKeyPem).export({
    type: 'pkcs8',
    format: 'der',
  });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2Async(
    passphrase,
    salt,
    CA_KEY_PBKDF2_ITERATIONS,
    32,
    'sha256',
  );
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  const integer = (n: number) =>
    create(
      Class.UNIVERSAL,
      Type.INTEGER,
      false,
      forge.asn1.integerToDer(n).getBytes(),
    );
  const nullParams = create(Class.UNIVERSAL, Type.NULL, false, '');
  const algorithm = sequence([
    oid(OIDS.pbes2),
    sequence([
      sequence([
        oid(OIDS.pbkdf2),
        sequence([
          octetString(salt),
          integer(CA_KEY_PBKDF2_ITERATIONS),
          sequence([oid(OIDS.hmacWithSHA256), nullParams]),
        ]),
      ]),
      sequence([oid(OIDS.aes256Cbc), octetString(iv)]),
    ]),
  ]);
  return toPem(
    'ENCRYPTED PRIVATE KEY',
    derOf(sequence([algorithm, octetString(encrypted)])),
  );
}

/** Unencrypted PKCS#8 PEM of a stored key (either wrapping); {@link CaKeyPassphraseError} on a wrong passphrase. */
export async function decryptCaKey(
  encryptedPem: string,
  passphrase: string,
): Promise<string> {
  const parts = pbes2Parts(encryptedPem);
  let key: KeyObject;
  try {
    if (!parts || !isReadableHere(parts.wrapping)) {
      key = createPrivateKey({ key: encryptedPem, format: 'pem', passphrase });
    } else {
      const derived = await pbkdf2Async(
        passphrase,
        parts.salt,
        parts.wrapping.iterations as number,
        32,
        parts.wrapping.prf === 'hmacWithSHA256' ? 'sha256' : 'sha1',
      );
      const decipher = createDecipheriv('aes-256-cbc', derived, parts.iv);
      const der = Buffer.concat([
        decipher.update(parts.encrypted),
        decipher.final(),
      ]);
      key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new CaKeyPassphraseError();
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The wrapping of a stored CA key (what a re-wrap decides on, what an auditor reads). */
export function caKeyWrapping(encryptedPem: string): CaKeyWrapping {
  return (
    pbes2Parts(encryptedPem)?.wrapping ?? {
      scheme: 'other',
      kdf: 'other',
      prf: null,
      iterations: null,
      cipher: null,
    }
  );
}

/** True when a stored key is wrapped more weakly than {@link encryptCaKey} wraps now. */
export function caKeyNeedsRewrap(encryptedPem: string): boolean {
  const w = caKeyWrapping(encryptedPem);
  return !(
    w.kdf === 'pbkdf2' &&
    w.prf === 'hmacWithSHA256' &&
    (w.iterations ?? 0) >= CA_KEY_PBKDF2_ITERATIONS &&
    w.cipher === 'aes-256-cbc'
  );
}

function isReadableHere(w: CaKeyWrapping): boolean {
  return (
    w.kdf === 'pbkdf2' &&
    (w.prf === 'hmacWithSHA256' || w.prf === 'hmacWithSHA1') &&
    w.iterations !== null &&
    w.cipher === 'aes-256-cbc'
  );
}

function pbes2Parts(encryptedPem: string): Pbes2Parts | null {
  try {
    const [algorithm, data] = childrenOf(
      readWhole(fromPem(encryptedPem, ['ENCRYPTED PRIVATE KEY'])),
    );
    const [schemeOid, params] = childrenOf(algorithm);
    if (oidOf(schemeOid) !== OIDS.pbes2) return null;
    const [kdf, encryption] = childrenOf(params);
    const [kdfOid, kdfParams] = childrenOf(kdf);
    const [encOid, iv] = childrenOf(encryption);
    const cipher = oidOf(encOid) === OIDS.aes256Cbc ? 'aes-256-cbc' : 'other';
    if (oidOf(kdfOid) !== OIDS.pbkdf2) {
      return {
        wrapping: {
          scheme: 'pbes2',
          kdf: 'other',
          prf: null,
          iterations: null,
          cipher,
        },
        salt: Buffer.alloc(0),
        iv: iv.contents,
        encrypted: data.contents,
      };
    }
    const [salt, iterations, ...rest] = childrenOf(kdfParams);
    const prfElement = rest.find((e: DerElement) => e.tag === 0x30);
    const prfOid = prfElement
      ? oidOf(childrenOf(prfElement)[0])
      : OIDS.hmacWithSHA1;
    const prf =
      prfOid === OIDS.hmacWithSHA256
        ? 'hmacWithSHA256'
        : prfOid === OIDS.hmacWithSHA1
          ? 'hmacWithSHA1'
          : 'other';
    return {
      wrapping: {
        scheme: 'pbes2',
        kdf: 'pbkdf2',
        prf,
        iterations: iterations.contents.readUIntBE(
          0,
          Math.min(6, iterations.contents.length),
        ),
        cipher,
      },
      salt: salt.contents,
      iv: iv.contents,
      encrypted: data.contents,
    };
  } catch {
    return null;
  }
}
