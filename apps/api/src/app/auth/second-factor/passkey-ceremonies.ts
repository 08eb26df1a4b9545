import { Inject, Injectable } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { StaffCredential } from './staff-credential.entity';

/** A WebAuthn challenge is answered within this long (then a new one is asked for). */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export interface RegisteredPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  backedUp: boolean;
  deviceType: string;
  transports: string | null;
}

/**
 * The WebAuthn ceremonies (@simplewebauthn/server) with the relying party of the configuration:
 * attestation `none`, user verification `preferred`, resident key preferred (so the browser can
 * offer the passkey by itself), ES256 / RS256. Verification failures come back as null.
 */
@Injectable()
export class PasskeyCeremonies {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get rp() {
    return this.config.secondFactor;
  }

  registrationOptions(
    user: { id: string; username: string; displayName: string },
    existing: StaffCredential[],
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return generateRegistrationOptions({
      rpName: this.rp.rpName,
      rpID: this.rp.rpId,
      userName: user.username,
      userDisplayName: user.displayName,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.flatMap((c) =>
        c.credentialId
          ? [{ id: c.credentialId, transports: transportsOf(c) }]
          : [],
      ),
      authenticatorSelection: {
        residentKey: 'preferred',
        userVerification: 'preferred',
      },
      supportedAlgorithmIDs: [-7, -257],
      timeout: CHALLENGE_TTL_MS,
    });
  }

  async verifyRegistration(
    response: unknown,
    expectedChallenge: string,
  ): Promise<RegisteredPasskey | null> {
    try {
      const result = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.rp.origins,
        expectedRPID: this.rp.rpId,
        requireUserVerification: false,
      });
      if (!result.verified) return null;
      const info = result.registrationInfo;
      return {
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        transports: info.credential.transports?.join(',') || null,
      };
    } catch {
      return null;
    }
  }

  authenticationOptions(
    passkeys: StaffCredential[],
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.rp.rpId,
      allowCredentials: passkeys.flatMap((c) =>
        c.credentialId
          ? [{ id: c.credentialId, transports: transportsOf(c) }]
          : [],
      ),
      userVerification: 'preferred',
      timeout: CHALLENGE_TTL_MS,
    });
  }

  /** Options for signing in with a passkey alone: any of this site's passkeys, user verification required. */
  loginOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.rp.rpId,
      userVerification: 'required',
      timeout: CHALLENGE_TTL_MS,
    });
  }

  /** The passkey among `passkeys` the response was made with, verified; null when none or wrong. */
  async verifyAuthentication(
    response: unknown,
    expectedChallenge: string,
    passkeys: StaffCredential[],
    requireUserVerification = false,
  ): Promise<{
    passkey: StaffCredential;
    counter: number;
    backedUp: boolean;
  } | null> {
    const id = (response as { id?: unknown } | null)?.id;
    const passkey = passkeys.find(
      (c) => typeof id === 'string' && c.credentialId === id,
    );
    if (!passkey?.credentialId || !passkey.publicKey) return null;
    try {
      const result = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge,
        expectedOrigin: this.rp.origins,
        expectedRPID: this.rp.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(
            Buffer.from(passkey.publicKey, 'base64url'),
          ),
          counter: passkey.counter,
          transports: transportsOf(passkey),
        },
        requireUserVerification,
      });
      if (!result.verified) return null;
      return {
        passkey,
        counter: result.authenticationInfo.newCounter,
        backedUp: result.authenticationInfo.credentialBackedUp,
      };
    } catch {
      return null;
    }
  }
}

function transportsOf(
  c: StaffCredential,
): AuthenticatorTransportFuture[] | undefined {
  return c.transports
    ? (c.transports.split(',') as AuthenticatorTransportFuture[])
    : undefined;
}
