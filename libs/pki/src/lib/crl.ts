import * as forge from 'node-forge';
import type { IssuingCa } from './ca';
import { asn1Of, integerFromHex, sequence, timeAsn1 } from './der';
import { isSerialHex } from './serial';
import { signatureAlgorithmAsn1, signStructureWith } from './signing';
import { authorityKeyIdValue, extension, OID } from './x509';

const { Class, Type, create } = forge.asn1;

/** RFC 5280 §5.3.1 CRLReason codes (removeFromCRL belongs to delta CRLs, which are not issued). */
export const REVOCATION_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReasonName = keyof typeof REVOCATION_REASON_CODES;

export function isRevocationReason(
  value: unknown,
): value is RevocationReasonName {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(REVOCATION_REASON_CODES, value)
  );
}

export interface RevokedEntry {
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReasonName;
}

export interface BuildCrlInput {
  ca: IssuingCa;
  /** Revoked certificates to list (typically those not yet expired). */
  revoked: RevokedEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  /** Monotonically increasing per CA (cRLNumber, ≤ 20 octets). */
  crlNumber: number;
}

/**
 * A v2 CRL (DER) signed by the CA's signer (software key or token) with sha256WithRSAEncryption: issuer byte-equal to the CA's
 * subject, authorityKeyIdentifier and cRLNumber; each entry carries its reasonCode (absent for
 * `unspecified`, as RFC 5280 recommends).
 */
export async function buildCrl(input: BuildCrlInput): Promise<Buffer> {
  if (!Number.isSafeInteger(input.crlNumber) || input.crlNumber < 0)
    throw new RangeError('crlNumber must be a non-negative integer');
  if (input.nextUpdate <= input.thisUpdate)
    throw new RangeError('nextUpdate must be after thisUpdate');
  const entries = input.revoked.map(revokedEntry);
  const tbs = sequence([
    create(Class.UNIVERSAL, Type.INTEGER, false, '\u0001'), // v2
    signatureAlgorithmAsn1(),
    asn1Of(input.ca.subjectDer),
    timeAsn1(input.thisUpdate),
    timeAsn1(input.nextUpdate),
    ...(entries.length ? [sequence(entries)] : []),
    create(Class.CONTEXT_SPECIFIC, 0, true, [
      sequence([
        extension(
          OID.authorityKeyIdentifier,
          authorityKeyIdValue(input.ca.keyId),
        ),
        extension(OID.crlNumber, integerFromHex(evenHex(input.crlNumber))),
      ]),
    ]),
  ]);
  return signStructureWith(tbs, input.ca.signer);
}

function revokedEntry(entry: RevokedEntry): forge.asn1.Asn1 {
  if (!isSerialHex(entry.serialHex))
    throw new RangeError(`Not a stored serial: "${entry.serialHex}"`);
  const code = REVOCATION_REASON_CODES[entry.reason];
  if (code === undefined)
    throw new RangeError(`Unknown revocation reason "${entry.reason}"`);
  const reason = extension(
    OID.crlReason,
    create(Class.UNIVERSAL, Type.ENUMERATED, false, String.fromCharCode(code)),
  );
  return sequence([
    integerFromHex(entry.serialHex),
    timeAsn1(entry.revokedAt),
    ...(code === 0 ? [] : [sequence([reason])]),
  ]);
}

function evenHex(n: number): string {
  const hex = n.toString(16);
  return hex.length % 2 ? `0${hex}` : hex;
}
