import { IsoDate, jstEndOfDay } from '@certdesk/domain';
import type { IssuingCa } from './ca';
import { octetString, oid, sequence } from './der';
import { isSerialHex } from './serial';
import { toPem } from './signing';
import {
  authorityKeyIdValue,
  crlDistributionPointsValue,
  endEntityExtensions,
  extension,
  keyIdentifier,
  nameDer,
  nameString,
  OID,
  sha256Hex,
  signCertificateWith,
  TbsCertificateInput,
  wholeSeconds,
} from './x509';

/** The subject the server writes for an IB user (the request's own subject is never used). */
export interface ClientSubject {
  /** The IB user's login ID. */
  CN: string;
  /** The customer's contract number (契約者番号). */
  OU: string;
  /** The credit union's name. */
  O: string;
}

export interface IssueClientCertificateInput {
  ca: IssuingCa;
  /** SubjectPublicKeyInfo DER from {@link checkCsr} (`request.publicKeyDer`). */
  csrPublicKey: Buffer;
  subject: ClientSubject;
  /** From {@link newSerialHex}, already reserved by the caller. */
  serialHex: string;
  notBefore: Date;
  /** 有効期限日 (JST): notAfter is 23:59:59 JST of this date. */
  expiryDate: IsoDate;
  /** e.g. `http://ib.example.jp/ib/crl/1001.crl`. */
  crlUrl: string;
}

export interface IssuedCertificate {
  pem: string;
  der: Buffer;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprintSha256: string;
  serialHex: string;
  /** `CN=…,OU=…,O=…,C=JP`. */
  subjectDn: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * An X.509 v3 client certificate: keyUsage digitalSignature + keyEncipherment (critical),
 * extendedKeyUsage clientAuth, basicConstraints CA:FALSE, subject/authority key identifiers and the
 * CRL distribution point; notAfter = 23:59:59 JST on the expiry date.
 */
export async function issueClientCertificate(
  input: IssueClientCertificateInput,
): Promise<IssuedCertificate> {
  if (
    !isSerialHex(input.serialHex) ||
    parseInt(input.serialHex.slice(0, 2), 16) >= 0x80
  ) {
    throw new RangeError(
      `serialHex must be a positive minimal hex serial of at most 20 octets, got "${input.serialHex}"`,
    );
  }
  if (!/^https?:\/\/\S+$/.test(input.crlUrl))
    throw new RangeError(
      `crlUrl must be an http(s) URL, got "${input.crlUrl}"`,
    );
  const { notBefore, notAfter } = certificateValidity(
    input.notBefore,
    input.expiryDate,
  );
  if (notAfter <= notBefore)
    throw new RangeError('The expiry date must be after notBefore');
  if (notAfter > input.ca.notAfter)
    throw new RangeError('The certificate cannot outlive its CA');
  const subject: ClientSubject = { ...input.subject };
  const tbs: TbsCertificateInput = {
    serialHex: input.serialHex,
    issuerDer: input.ca.subjectDer,
    notBefore,
    notAfter,
    subjectDer: nameDer(subject),
    spkiDer: input.csrPublicKey,
    extensions: [
      ...endEntityExtensions(),
      extension(OID.extKeyUsage, sequence([oid(OID.clientAuth)])),
      extension(
        OID.subjectKeyIdentifier,
        octetString(keyIdentifier(input.csrPublicKey)),
      ),
      extension(
        OID.authorityKeyIdentifier,
        authorityKeyIdValue(input.ca.keyId),
      ),
      extension(
        OID.cRLDistributionPoints,
        crlDistributionPointsValue(input.crlUrl),
      ),
    ],
  };
  const der = await signCertificateWith(tbs, input.ca.signer);
  return {
    pem: toPem('CERTIFICATE', der),
    der,
    fingerprintSha256: sha256Hex(der),
    serialHex: input.serialHex,
    subjectDn: clientSubjectDn(subject),
    notBefore,
    notAfter,
  };
}

/** The validity {@link issueClientCertificate} writes: notBefore in whole seconds, notAfter 23:59:59 JST of the expiry date. */
export function certificateValidity(
  notBefore: Date,
  expiryDate: IsoDate,
): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: wholeSeconds(notBefore),
    notAfter: jstEndOfDay(expiryDate),
  };
}

/** The subject as stored in `certificate.subject_dn`: `CN=…,OU=…,O=…,C=JP`. */
export function clientSubjectDn(subject: ClientSubject): string {
  return nameString(subject);
}
