import { constructedOfDer, derOf, oid, sequenceOfDer } from './der';
import { fromPem, toPem } from './signing';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const DATA = '1.2.840.113549.1.7.1';
const SET = 0x31;
const CONTEXT_0 = 0xa0;

/**
 * A certs-only PKCS#7 (degenerate SignedData, RFC 2315) holding the given certificates byte for
 * byte — what Windows and browsers import as a `.p7b` (the client certificate and its CA).
 */
export function certificatesOnlyPkcs7(certificatePems: string[]): {
  der: Buffer;
  pem: string;
} {
  const certificates = certificatePems.map((pem) =>
    fromPem(pem, ['CERTIFICATE']),
  );
  const signedData = sequenceOfDer([
    Buffer.from([0x02, 0x01, 0x01]), // version 1
    constructedOfDer(SET, []), // digestAlgorithms
    sequenceOfDer([derOf(oid(DATA))]), // contentInfo without content
    constructedOfDer(CONTEXT_0, certificates), // [0] IMPLICIT certificates
    constructedOfDer(SET, []), // signerInfos
  ]);
  const der = sequenceOfDer([
    derOf(oid(SIGNED_DATA)),
    constructedOfDer(CONTEXT_0, [signedData]),
  ]);
  return { der, pem: toPem('PKCS7', der) };
}
