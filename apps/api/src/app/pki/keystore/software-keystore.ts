import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPrivateKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CA_KEY_BITS,
  caKeyNeedsRewrap,
  CaKeyPassphraseError,
  CaSigner,
  decryptCaKey,
  encryptCaKey,
  softwareSigner,
} from '@certdesk/pki';
import { AppConfig, ConfigError } from '../../infra/config/config';
import { resolveCaKeyPassphrase } from '../../infra/config/secrets-config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import type { GeneratedCaKey, KeystoreStatus } from './ca-keystore';

/** Where software keys are, as the start-up log and the readiness check say it. */
export const SOFTWARE_KEYSTORE_DESCRIPTION =
  'software（データベースの certificate_authority.encrypted_key_pem に CA_KEY_PASSPHRASE で暗号化した PKCS#8、使用中は API プロセスのメモリ上）';

/**
 * CA keys in the database: RSA-3072 made by node:crypto, stored as encrypted PKCS#8 (PBES2,
 * PBKDF2-HMAC-SHA256 × 600,000, AES-256-CBC) and decrypted into this process's memory when used.
 */
@Injectable()
export class SoftwareCaKeystore {
  private readonly logger = new Logger(SoftwareCaKeystore.name);
  private warnedDemoPassphrase = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The passphrase of the CA keys; a {@link ConfigError} outside demo mode when unset (warns once in demo mode). */
  passphrase(): string {
    const { passphrase, demoDefault } = resolveCaKeyPassphrase(this.config);
    if (demoDefault && !this.warnedDemoPassphrase) {
      this.logger.warn(
        'CA_KEY_PASSPHRASE が未設定のため、デモ用の既定パスフレーズで認証局の秘密鍵を暗号化しています。本番では必ず設定してください',
      );
    }
    this.warnedDemoPassphrase ||= demoDefault;
    return passphrase;
  }

  async generate(): Promise<GeneratedCaKey> {
    const passphrase = this.passphrase();
    const { privateKey } = await promisify(generateKeyPair)('rsa', {
      modulusLength: CA_KEY_BITS,
      publicExponent: 65537,
    });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return {
      signer: softwareSigner(privateKey),
      stored: {
        keyStore: 'software',
        encryptedKeyPem: await encryptCaKey(pem, passphrase),
        keyLabel: null,
        keyId: null,
      },
    };
  }

  /**
   * Decrypts a stored key. `rewrapped` is the same key wrapped as {@link encryptCaKey} wraps now when
   * the stored one is weaker (Node's PBKDF2 × 2,048 before), for the caller to store; else null.
   */
  async open(
    encryptedKeyPem: string,
    creditUnionCode: string,
  ): Promise<{
    signer: CaSigner;
    privateKeyPem: string;
    rewrapped: string | null;
  }> {
    let privateKeyPem: string;
    try {
      privateKeyPem = await decryptCaKey(encryptedKeyPem, this.passphrase());
    } catch (error) {
      if (error instanceof CaKeyPassphraseError) {
        throw new ConfigError(
          'CA_KEY_PASSPHRASE',
          `does not decrypt the CA key of credit union ${creditUnionCode} (was it created with another passphrase?)`,
        );
      }
      throw error;
    }
    return {
      signer: softwareSigner(createPrivateKey(privateKeyPem)),
      privateKeyPem,
      rewrapped: caKeyNeedsRewrap(encryptedKeyPem)
        ? await encryptCaKey(privateKeyPem, this.passphrase())
        : null,
    };
  }

  status(): KeystoreStatus {
    try {
      this.passphrase();
      return { ok: true, keystore: SOFTWARE_KEYSTORE_DESCRIPTION };
    } catch (error) {
      return {
        ok: false,
        keystore: SOFTWARE_KEYSTORE_DESCRIPTION,
        error: String(error),
      };
    }
  }
}
