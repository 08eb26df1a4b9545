import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { childrenOf, DerElement, oidOf, readWhole, TAG } from './der';
import { fromPem } from './signing';
import { sha256Hex } from './x509';

export const MIN_RSA_BITS = 2048;
export const MAX_RSA_BITS = 8192;
export const REQUIRED_EXPONENT = 65537;
/** A PKCS#10 of an 8192-bit key is about 2.5 KB; anything far bigger is not a request. */
const MAX_PEM_LENGTH = 16_384;

/** Signature algorithms accepted on a request (PKCS#1 v1.5 with SHA-2). */
const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5',
  '1.2.840.113549.1.1.5': 'SHA-1',
};

/** A request that passed every check; its subject is ignored (the server writes its own). */
export interface CheckedCsr {
  /** SubjectPublicKeyInfo, DER, re-encoded canonically by OpenSSL (what the certificate will carry). */
  publicKeyDer: Buffer;
  /** SHA-256 of {@link publicKeyDer}, lower-case hex: the "key never used before" check. */
  publicKeySha256: string;
  keyBits: number;
}

export type CsrCheck =
  { ok: true; request: CheckedCsr } | { ok: false; reasons: string[] };

const refuse = (...reasons: string[]): CsrCheck => ({ ok: false, reasons });

/**
 * Checks a PKCS#10 certification request (PEM): structure, RSA only, 2048–8192 bits, public exponent
 * 65537, signature (SHA-256/384/512 with RSA) valid over the request as sent. Every failed check
 * gives one Japanese reason the customer can act on.
 */
export function checkCsr(pem: string): CsrCheck {
  if (typeof pem !== 'string' || pem.length > MAX_PEM_LENGTH)
    return refuse(
      '証明書発行要求（CSR）の形式が正しくありません（PEM形式で送信してください）',
    );
  if ((pem.match(/-----BEGIN /g) ?? []).length > 1)
    return refuse(
      '証明書発行要求（CSR）が複数含まれています。1つだけ送信してください',
    );
  let request: DerElement;
  let parts: DerElement[];
  let info: DerElement[];
  try {
    request = readWhole(
      fromPem(pem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']),
    );
    parts = childrenOf(request);
    info = childrenOf(parts[0]);
    if (
      request.tag !== TAG.SEQUENCE ||
      parts.length !== 3 ||
      info.length < 3 ||
      parts[2].tag !== TAG.BIT_STRING
    )
      throw new Error('shape');
  } catch {
    return refuse(
      '証明書発行要求（CSR）を読み取れません。PKCS#10形式のPEMを送信してください',
    );
  }

  let key: KeyObject;
  try {
    key = createPublicKey({ key: info[2].der, format: 'der', type: 'spki' });
  } catch {
    return refuse('証明書発行要求（CSR）の公開鍵を読み取れません');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return refuse(
      `鍵の種類が${keyTypeName(key.asymmetricKeyType)}です。RSA鍵（2048ビット以上）で作成してください`,
    );
  }

  const reasons: string[] = [];
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const exponent = key.asymmetricKeyDetails?.publicExponent;
  if (bits < MIN_RSA_BITS)
    reasons.push(
      `鍵長が${bits}ビットです。${MIN_RSA_BITS}ビット以上のRSA鍵で作成してください`,
    );
  if (bits > MAX_RSA_BITS)
    reasons.push(
      `鍵長が${bits}ビットです。${MAX_RSA_BITS}ビット以下のRSA鍵で作成してください`,
    );
  if (exponent !== BigInt(REQUIRED_EXPONENT))
    reasons.push(
      `公開指数が${String(exponent)}です。公開指数${REQUIRED_EXPONENT}のRSA鍵で作成してください`,
    );
  const extensionProblem = requestedExtensionsProblem(info);
  if (extensionProblem) reasons.push(extensionProblem);
  const signatureProblem = verifySignature(parts, key);
  if (signatureProblem) reasons.push(signatureProblem);
  if (reasons.length) return { ok: false, reasons };

  const publicKeyDer = key.export({ type: 'spki', format: 'der' });
  return {
    ok: true,
    request: {
      publicKeyDer,
      publicKeySha256: sha256Hex(publicKeyDer),
      keyBits: bits,
    },
  };
}

/** Null when the request's signature verifies over its CertificationRequestInfo, else the reason. */
function verifySignature(
  [info, algorithm, signature]: DerElement[],
  key: KeyObject,
): string | null {
  let oid: string;
  try {
    oid = oidOf(childrenOf(algorithm)[0]);
  } catch {
    return '証明書発行要求（CSR）の署名アルゴリズムを読み取れません';
  }
  const weak = WEAK_SIGNATURES[oid];
  if (weak)
    return `証明書発行要求（CSR）の署名に${weak}が使われています。SHA-256で署名してください`;
  const hash = SIGNATURE_HASHES[oid];
  if (!hash)
    return `証明書発行要求（CSR）の署名方式（${oid}）には対応していません。SHA-256 with RSAで署名してください`;
  const bits = signature.contents;
  const valid =
    bits.length > 1 &&
    bits[0] === 0 &&
    safeVerify(hash, info.der, key, bits.subarray(1));
  return valid
    ? null
    : '証明書発行要求（CSR）の署名を検証できません（内容が改ざんされているか、壊れています）';
}

function safeVerify(
  hash: string,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  try {
    return verify(hash, data, key, signature);
  } catch {
    return false;
  }
}

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const BASIC_CONSTRAINTS = '2.5.29.19';
const EXTENSION_NAMES: Record<string, string> = {
  [BASIC_CONSTRAINTS]: 'basicConstraints',
  '2.5.29.15': 'keyUsage',
  '2.5.29.37': 'extendedKeyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.32': 'certificatePolicies',
  '2.5.29.31': 'cRLDistributionPoints',
};

/**
 * The credit union writes every extension of a client certificate itself, so a request asking for
 * any (PKCS#9 extensionRequest) is refused rather than silently ignored: above all one asking to be
 * a CA (`basicConstraints` CA:TRUE). Null when the request asks for none.
 */
function requestedExtensionsProblem(info: DerElement[]): string | null {
  const attributes = info[3];
  if (!attributes) return null;
  const requested: string[] = [];
  let asksForCa = false;
  try {
    for (const attribute of childrenOf(attributes)) {
      const [type, values] = childrenOf(attribute);
      if (oidOf(type) !== EXTENSION_REQUEST) continue;
      for (const extensions of childrenOf(values))
        for (const extension of childrenOf(extensions)) {
          const fields = childrenOf(extension);
          const oid = oidOf(fields[0]);
          requested.push(EXTENSION_NAMES[oid] ?? oid);
          if (oid === BASIC_CONSTRAINTS)
            asksForCa ||= isCaTrue(fields[fields.length - 1]);
        }
    }
  } catch {
    return '証明書発行要求（CSR）の属性を読み取れません。PKCS#10形式で作り直してください';
  }
  if (asksForCa)
    return '証明書発行要求（CSR）が認証局（CA:TRUE）の証明書を求めています。お客さまの電子証明書は認証局にはなれません。拡張を含めずに作り直してください';
  if (requested.length === 0) return null;
  return `証明書発行要求（CSR）に拡張（${[...new Set(requested)].join('、')}）が含まれています。拡張は当金庫が設定しますので、含めずに作り直してください`;
}

/** Whether a basicConstraints extnValue (OCTET STRING of SEQUENCE { cA BOOLEAN DEFAULT FALSE, … }) says CA:TRUE. */
function isCaTrue(extnValue: DerElement): boolean {
  const constraints = childrenOf(readWhole(extnValue.contents));
  const cA = constraints[0];
  return cA !== undefined && cA.tag === 0x01 && cA.contents[0] !== 0;
}

function keyTypeName(type: string | undefined): string {
  switch (type) {
    case 'ec':
      return '楕円曲線（EC）';
    case 'rsa-pss':
      return 'RSA-PSS';
    case 'dsa':
      return 'DSA';
    case 'ed25519':
    case 'ed448':
      return `EdDSA（${type}）`;
    default:
      return `RSA以外（${type ?? '不明'}）`;
  }
}
