import type { IbIssuedCertificate } from '@certdesk/contracts';
import { certificatesOnlyPkcs7 } from '@certdesk/pki';
import { decodedCertificateView } from '../certificates/decoded-certificate-view';
import type { IssueResult } from '../pki/certificate-issuance.service';

/** What the customer's browser receives after 発行処理: the certificate, the chain as PKCS#7, decoded contents. */
export function issuedView(
  result: IssueResult,
  caCertificatePem: string,
  via: IbIssuedCertificate['via'],
): IbIssuedCertificate {
  return {
    certificatePem: result.pem,
    pkcs7Pem: certificatesOnlyPkcs7([result.pem, caCertificatePem]).pem,
    caCertificatePem,
    certificate: decodedCertificateView(result.pem),
    expiryDate: result.certificate.expiryDate,
    via,
  };
}
