import type { CertificateView } from '@certdesk/contracts';
import type { Certificate } from '../certificates/certificate.entity';

export function toCertificateView(
  c: Certificate,
  currentId: string | null,
): CertificateView {
  return {
    id: c.id,
    serialHex: c.serialHex,
    subjectDn: c.subjectDn,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    expiryDate: c.expiryDate,
    fingerprintSha256: c.fingerprintSha256,
    issuedVia: c.issuedVia,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
    current: c.id === currentId,
  };
}
