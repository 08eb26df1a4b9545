import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EnrolmentResult,
  SecondFactorOverview,
  SecondFactorPolicyName,
  SecondFactorProof,
  SecondFactorStatus,
  SessionInfo,
  TotpEnrolment,
} from '@certdesk/contracts';
import {
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../api-error';

const BASE = '/api/auth/second-factor';

export const PASSKEY_CANCELLED_MESSAGE =
  'パスキーでの確認が完了しませんでした。もう一度お試しいただくか、認証アプリのコードを入力してください。';

/** What a failed proof says: the browser's own refusal of a passkey ceremony, else the API's reason. */
export function secondFactorErrorMessage(error: unknown): string {
  return error instanceof Error && error.name === 'NotAllowedError'
    ? PASSKEY_CANCELLED_MESSAGE
    : apiErrorMessage(error);
}

/** Typed client for `/api/auth/second-factor/*`, with the browser's WebAuthn ceremonies. */
@Injectable({ providedIn: 'root' })
export class SecondFactorApi {
  private readonly http = inject(HttpClient);

  overview(): Promise<SecondFactorOverview> {
    return firstValueFrom(this.http.get<SecondFactorOverview>(BASE));
  }

  startTotp(): Promise<TotpEnrolment> {
    return firstValueFrom(
      this.http.post<TotpEnrolment>(`${BASE}/totp/start`, {}),
    );
  }

  confirmTotp(code: string): Promise<EnrolmentResult> {
    return firstValueFrom(
      this.http.post<EnrolmentResult>(`${BASE}/totp/confirm`, { code }),
    );
  }

  /** Asks the browser to create a passkey for this account and registers it. */
  async registerPasskey(name: string): Promise<EnrolmentResult> {
    const optionsJSON = await firstValueFrom(
      this.http.post<PublicKeyCredentialCreationOptionsJSON>(
        `${BASE}/passkeys/options`,
        {},
      ),
    );
    const response = await startRegistration({ optionsJSON });
    return firstValueFrom(
      this.http.post<EnrolmentResult>(`${BASE}/passkeys`, { name, response }),
    );
  }

  /** Proves the second factor with a passkey the browser offers for this account. */
  async verifyWithPasskey(): Promise<SecondFactorStatus> {
    const optionsJSON = await firstValueFrom(
      this.http.post<PublicKeyCredentialRequestOptionsJSON>(
        `${BASE}/passkey-challenge`,
        {},
      ),
    );
    const passkey = await startAuthentication({ optionsJSON });
    return this.verify({
      passkey: passkey as unknown as Record<string, unknown>,
    });
  }

  /** A six-digit one-time code, or a recovery code (anything else). */
  verifyCode(code: string): Promise<SecondFactorStatus> {
    const trimmed = code.trim();
    return this.verify(
      /^\d{6}$/.test(trimmed)
        ? { totpCode: trimmed }
        : { recoveryCode: trimmed },
    );
  }

  /** Signs in with a passkey alone (the browser offers this site's passkeys). */
  async loginWithPasskey(): Promise<SessionInfo> {
    const optionsJSON = await firstValueFrom(
      this.http.post<PublicKeyCredentialRequestOptionsJSON>(
        '/api/auth/passkey/options',
        {},
      ),
    );
    const response = await startAuthentication({ optionsJSON });
    return firstValueFrom(
      this.http.post<SessionInfo>('/api/auth/passkey/login', { response }),
    );
  }

  remove(id: string): Promise<SecondFactorStatus> {
    return firstValueFrom(
      this.http.delete<SecondFactorStatus>(`${BASE}/${id}`),
    );
  }

  regenerateRecoveryCodes(): Promise<EnrolmentResult> {
    return firstValueFrom(
      this.http.post<EnrolmentResult>(`${BASE}/recovery-codes`, {}),
    );
  }

  setPolicy(policy: SecondFactorPolicyName): Promise<SecondFactorOverview> {
    return firstValueFrom(
      this.http.put<SecondFactorOverview>(`${BASE}/policy`, { policy }),
    );
  }

  private verify(proof: SecondFactorProof): Promise<SecondFactorStatus> {
    return firstValueFrom(
      this.http.post<SecondFactorStatus>(`${BASE}/verify`, proof),
    );
  }
}

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.PublicKeyCredential === 'function'
  );
}
