import type { IbRole, IssuedVia } from '@certdesk/domain';
import type { DecodedCertificateView } from './certificate-detail';
import type { LifecycleStatusName } from './certificates';

/** `GET /ib/me` (certificate log-on): whose certificate this is and its state. */
export interface IbMe {
  creditUnion: { code: string; name: string; mediaStorage: boolean };
  customer: { contractNumber: string; companyName: string };
  ibUser: { loginId: string; name: string; ibRole: IbRole };
  /** The presented certificate (`issuedAt`: when it was issued, ISO instant). */
  certificate: {
    serialHex: string;
    expiryDate: string;
    notAfter: string;
    issuedAt: string;
  };
  /** Of the presented certificate (its own window while a renewed one is still unused). */
  status: LifecycleStatusName;
  daysLeft: number;
  /** The presented certificate is the IB user's newest one. */
  newest: boolean;
  /**
   * When not `newest`: the certificate a renewal issued in its place, not used yet — import it and
   * log on with it (this one keeps working until then, or through its own expiry date).
   */
  newerCertificate: {
    serialHex: string;
    issuedAt: string;
    expiryDate: string;
  } | null;
  /** A renewed certificate logging on for the first time today (the seed's step ⑩ is done). */
  renewalConfirmed: boolean;
}

/** One entry of `GET /ib/notices` (重要なお知らせ). */
export interface IbNotice {
  id: string;
  kind: 'important_notice_renewal';
  title: string;
  /** Escaped HTML; the renewal notice holds the 「電子証明書の更新はこちら」 link. */
  html: string;
  text: string;
}

/** `POST /ib/renewals` → 201 (更新前処理): a single-use renewal session. */
export interface IbRenewalSessionView {
  id: string;
  expiresAt: string;
  /** `save_to_pc` where the credit union uses media storage. */
  action: 'update' | 'save_to_pc';
  /** 「更新」 or 「パソコンに保存する」. */
  actionLabel: string;
  certificate: { serialHex: string; expiryDate: string };
}

/** `POST /ib/renewals/:id/csr` body. */
export interface IbCsrRequest {
  /** PKCS#10, PEM. */
  csr: string;
}

/** `POST /ib/acquisitions` body (電子証明書取得). */
export interface IbAcquisitionRequest {
  /** The credit union's 4-digit code; needed only when the login ID is used at several credit unions. */
  creditUnionCode?: string;
  /** 契約者ID (管理者) or 利用者ID (利用者). */
  loginId: string;
  /** ご契約先暗証番号 / 利用者暗証番号. */
  pin: string;
  /** ご契約先確認暗証番号 / 利用者確認暗証番号. */
  confirmationPin: string;
  csr: string;
}

/** The certificate just issued (renewal or acquisition). */
export interface IbIssuedCertificate {
  certificatePem: string;
  /** Certs-only PKCS#7 (PEM) holding the certificate and its issuing CA. */
  pkcs7Pem: string;
  caCertificatePem: string;
  certificate: DecodedCertificateView;
  expiryDate: string;
  via: Extract<IssuedVia, 'renewal' | 'acquisition'>;
}
