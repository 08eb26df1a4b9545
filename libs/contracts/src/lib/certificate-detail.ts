import type { IbRole, RevocationReason } from '@certdesk/domain';
import type { CertificateView } from './customers';

/** What a manager may choose on the revoke dialog (a hold, or a CA compromise, is not a staff action). */
export const STAFF_REVOCATION_REASONS = [
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
  'unspecified',
] as const satisfies readonly RevocationReason[];
export type StaffRevocationReason = (typeof STAFF_REVOCATION_REASONS)[number];

/** Staff-facing labels of the reasons. */
export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: '理由の指定なし',
  keyCompromise: '秘密鍵の漏えい（そのおそれを含む）',
  cACompromise: '認証局の秘密鍵の漏えい',
  affiliationChanged: '利用者・担当者の変更',
  superseded: '新しい証明書への切替え（更新）',
  cessationOfOperation: '利用の停止（解約など）',
  certificateHold: '一時停止',
  privilegeWithdrawn: '利用資格の取消し',
};

/** An X.509 extension in readable form. */
export interface CertificateExtensionView {
  oid: string;
  /** RFC 5280 name (`keyUsage`, `extKeyUsage` …) or the OID. */
  name: string;
  critical: boolean;
  value: string;
}

/** The certificate's own fields, decoded from its PEM. */
export interface DecodedCertificateView {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  publicKey: {
    algorithm: string;
    bits: number | null;
    exponent: string | null;
  };
  signatureAlgorithm: string;
  fingerprintSha256: string;
  extensions: CertificateExtensionView[];
}

/** `GET /api/certificates/:id` */
export interface CertificateDetail extends CertificateView {
  ibUser: {
    id: string;
    loginId: string;
    name: string;
    ibRole: IbRole;
  };
  customer: { id: string; contractNumber: string; companyName: string };
  /** Null for certificates taken over from the previous system (only their serial and dates are known). */
  pem: string | null;
  decoded: DecodedCertificateView | null;
}

/** `POST /api/certificates/:id/revoke` */
export interface RevokeCertificateRequest {
  reason: StaffRevocationReason;
  /** Why, for the audit log (up to 500 characters). */
  comment?: string;
}

export interface RevokeCertificateResponse {
  certificate: CertificateDetail;
  /** It had been revoked before: the first revocation stands, nothing changed. */
  alreadyRevoked: boolean;
}
