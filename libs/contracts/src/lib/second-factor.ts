import type { SecondFactorPolicy, SecondFactorState } from '@certdesk/domain';
/**
 * Staff second factor (passkeys and one-time codes). WebAuthn option/response objects are the JSON
 * shapes of @simplewebauthn (passed through as they are).
 */
/** libs/domain `SecondFactorPolicy`. */
export type SecondFactorPolicyName = SecondFactorPolicy;
/** libs/domain `SecondFactorState`. */
export type SecondFactorStateName = SecondFactorState;

/** Part of `SessionInfo`: where this session stands with the second factor. */
export interface SecondFactorStatus {
  state: SecondFactorStateName;
  /** The account must have a second factor (the credit union's policy and its role). */
  required: boolean;
  /** The account has at least one passkey or a confirmed one-time code. */
  enrolled: boolean;
  /** When this session last proved the second factor (ISO-8601), or null. */
  provenAt: string | null;
}

/** `GET /api/auth/second-factor`: the caller's factors (パスワード・認証設定). */
export interface SecondFactorOverview {
  status: SecondFactorStatus;
  policy: SecondFactorPolicyName;
  passkeys: PasskeyView[];
  totp: {
    enrolled: boolean;
    createdAt: string | null;
    lastUsedAt: string | null;
  };
  recoveryCodesLeft: number;
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

/** `POST /api/auth/second-factor/totp/start`: the secret to enrol (shown as a QR code and as text). */
export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  /** `data:image/png;base64,…` of the otpauth URI. */
  qrCode: string;
}

/** Answer of a completed enrolment: recovery codes when new ones were made (shown once). */
export interface EnrolmentResult {
  recoveryCodes?: string[];
  status: SecondFactorStatus;
}

/** `POST /api/auth/second-factor/verify` body: exactly one of the three. */
export interface SecondFactorProof {
  totpCode?: string;
  recoveryCode?: string;
  /** The browser's `startAuthentication` answer to the options of `passkey/options`. */
  passkey?: Record<string, unknown>;
}

/** Code of the 401 a decision answers when it needs a fresh second-factor proof. */
export const STEP_UP_REQUIRED_CODE = 'step_up_required';
/** Code of the 401 / 403 answers while the session has not passed the second factor. */
export const SECOND_FACTOR_REQUIRED_CODE = 'second_factor_required';
export const ENROLMENT_REQUIRED_CODE = 'second_factor_enrolment_required';
