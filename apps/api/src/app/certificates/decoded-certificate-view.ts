import type { DecodedCertificateView } from '@certdesk/contracts';
import { decodeCertificate } from '@certdesk/pki';

/** A certificate's own fields, decoded from its PEM, as the API sends them (staff and IB channel). */
export function decodedCertificateView(pem: string): DecodedCertificateView {
  const decoded = decodeCertificate(pem);
  return {
    ...decoded,
    notBefore: decoded.notBefore.toISOString(),
    notAfter: decoded.notAfter.toISOString(),
  };
}
