import { Logger } from '@nestjs/common';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { CaSigner } from '@certdesk/pki';
import type { CaKeystoreConfig } from '../../infra/config/keystore-config';
import {
  GeneratedCaKey,
  KeystoreStatus,
  KeystoreUnavailableError,
} from './ca-keystore';
import {
  Attribute,
  CkName,
  Handle,
  loadPkcs11Binding,
  Pkcs11,
  Pkcs11Binding,
  pkcs11ErrorName,
} from './pkcs11-binding';

type Pkcs11Config = Extract<CaKeystoreConfig, { kind: 'pkcs11' }>;

/** After a failed connection, further attempts wait this long (a flood of requests does not hammer the module). */
export const RECONNECT_BACKOFF_MS = 500;

/** The key attributes that prove it cannot leave the token. */
export interface TokenKeyAttributes {
  extractable: boolean;
  sensitive: boolean;
  neverExtractable: boolean;
  alwaysSensitive: boolean;
}

/**
 * CA keys on a PKCS#11 token (HSM): RSA-3072 generated on the token — private, sensitive,
 * non-extractable, labelled per credit union — and used through CKM_SHA256_RSA_PKCS. One logged-in
 * session per process; calls are serialised on it (PKCS#11 allows one operation at a time per session).
 * When a call fails (token removed, session lost) the module is finalised and, once, connected
 * again; if that fails the caller gets {@link KeystoreUnavailableError} (503) and the next call tries again.
 * A PIN the token refuses is not tried again until restart, so a probe cannot lock the token.
 */
export class Pkcs11CaKeystore {
  private readonly logger = new Logger(Pkcs11CaKeystore.name);
  private module: Pkcs11 | null = null;
  private session: Handle | null = null;
  private readonly handles = new Map<string, Handle>();
  private queue: Promise<unknown> = Promise.resolve();
  private pinRefused: string | null = null;
  private lastFailure = { at: 0, reason: '' };

  private constructor(
    private readonly config: Pkcs11Config,
    private readonly binding: Pkcs11Binding,
    private readonly ck: Record<CkName, number>,
  ) {}

  /** Loads the binding now: a missing pkcs11js stops the start with a ConfigError that says what to install. */
  static create(config: Pkcs11Config): Pkcs11CaKeystore {
    const { binding, ck } = loadPkcs11Binding();
    return new Pkcs11CaKeystore(config, binding, ck);
  }

  /** For logs: where the keys are (never the PIN). */
  describe(): string {
    const token = this.config.tokenLabel
      ? `token "${this.config.tokenLabel}"`
      : `slot ${this.config.slot}`;
    return `pkcs11 (${token}, ${this.config.library})`;
  }

  /** The token answers and the session is logged in (connects if needed). */
  async status(): Promise<KeystoreStatus> {
    try {
      await this.run((m, s) => {
        m.C_GetSessionInfo(s);
        const [first] = this.handles.values();
        if (first) m.C_GetAttributeValue(s, first, [{ type: this.ck.CKA_ID }]);
      });
      return { ok: true, keystore: this.describe() };
    } catch (error) {
      return {
        ok: false,
        keystore: this.describe(),
        error:
          error instanceof KeystoreUnavailableError
            ? error.reason
            : String(error),
      };
    }
  }

  /** A new RSA-3072 key pair on the token, labelled `label`, with a random CKA_ID. */
  async generate(label: string): Promise<GeneratedCaKey> {
    const id = randomBytes(16);
    const keyId = id.toString('hex');
    const ck = this.ck;
    await this.run(async (m, s) => {
      const pair = await m.C_GenerateKeyPairAsync(
        s,
        { mechanism: ck.CKM_RSA_PKCS_KEY_PAIR_GEN },
        [
          ...this.common(label, id),
          { type: ck.CKA_MODULUS_BITS, value: 3072 },
          { type: ck.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
          { type: ck.CKA_VERIFY, value: true },
        ],
        [...this.common(label, id), ...this.privateOnly()],
      );
      this.handles.set(keyId, pair.privateKey);
    }, false);
    return this.onToken(label, keyId);
  }

  /** Puts an existing software key on the token as non-extractable and sensitive (`ca-import-to-token`). */
  async importKey(
    label: string,
    privateKeyPem: string,
  ): Promise<GeneratedCaKey> {
    const jwk = createPrivateKey(privateKeyPem).export({ format: 'jwk' });
    const b = (value: string | undefined) =>
      Buffer.from(value ?? '', 'base64url');
    const ck = this.ck;
    const id = randomBytes(16);
    const keyId = id.toString('hex');
    const rsa = (cls: number): Attribute[] => [
      { type: ck.CKA_CLASS, value: cls },
      { type: ck.CKA_KEY_TYPE, value: ck.CKK_RSA },
      ...this.common(label, id),
      { type: ck.CKA_MODULUS, value: b(jwk.n) },
      { type: ck.CKA_PUBLIC_EXPONENT, value: b(jwk.e) },
    ];
    await this.run((m, s) => {
      m.C_CreateObject(s, [
        ...rsa(ck.CKO_PUBLIC_KEY),
        { type: ck.CKA_VERIFY, value: true },
      ]);
      const key = m.C_CreateObject(s, [
        ...rsa(ck.CKO_PRIVATE_KEY),
        ...this.privateOnly(),
        { type: ck.CKA_PRIVATE_EXPONENT, value: b(jwk.d) },
        { type: ck.CKA_PRIME_1, value: b(jwk.p) },
        { type: ck.CKA_PRIME_2, value: b(jwk.q) },
        { type: ck.CKA_EXPONENT_1, value: b(jwk.dp) },
        { type: ck.CKA_EXPONENT_2, value: b(jwk.dq) },
        { type: ck.CKA_COEFFICIENT, value: b(jwk.qi) },
      ]);
      this.handles.set(keyId, key);
    }, false);
    return this.onToken(label, keyId);
  }

  /** A key now on the token: its signer and what the CA row stores to find it again. */
  private async onToken(label: string, keyId: string): Promise<GeneratedCaKey> {
    return {
      signer: await this.signer(keyId),
      stored: {
        keyStore: 'pkcs11',
        encryptedKeyPem: null,
        keyLabel: label,
        keyId,
      },
    };
  }

  /** Signs with the key of this CKA_ID (hex); the public key is read from the token. */
  async signer(keyId: string): Promise<CaSigner> {
    const publicKeySpki = await this.run((m, s) => {
      const [modulus, exponent] = m.C_GetAttributeValue(
        s,
        this.key(m, s, keyId),
        [{ type: this.ck.CKA_MODULUS }, { type: this.ck.CKA_PUBLIC_EXPONENT }],
      );
      return createPublicKey({
        key: {
          kty: 'RSA',
          n: modulus.value.toString('base64url'),
          e: exponent.value.toString('base64url'),
        },
        format: 'jwk',
      }).export({ type: 'spki', format: 'der' });
    });
    return {
      publicKeySpki,
      sign: (data) =>
        this.run((m, s) => {
          m.C_SignInit(
            s,
            { mechanism: this.ck.CKM_SHA256_RSA_PKCS },
            this.key(m, s, keyId),
          );
          return m.C_SignAsync(s, data, Buffer.alloc(1024));
        }),
    };
  }

  /** CKA_EXTRACTABLE, CKA_SENSITIVE and friends of the private key (tests, audit). */
  async attributes(keyId: string): Promise<TokenKeyAttributes> {
    return this.run((m, s) => {
      const ck = this.ck;
      const values = m.C_GetAttributeValue(s, this.key(m, s, keyId), [
        { type: ck.CKA_EXTRACTABLE },
        { type: ck.CKA_SENSITIVE },
        { type: ck.CKA_NEVER_EXTRACTABLE },
        { type: ck.CKA_ALWAYS_SENSITIVE },
      ]);
      const [extractable, sensitive, neverExtractable, alwaysSensitive] =
        values.map((v) => v.value.length > 0 && v.value[0] !== 0);
      return { extractable, sensitive, neverExtractable, alwaysSensitive };
    });
  }

  /** Removes both halves of a key pair (a CA whose row could not be written). */
  async destroy(keyId: string): Promise<void> {
    await this.run((m, s) => {
      for (const handle of this.find(m, s, keyId, null))
        m.C_DestroyObject(s, handle);
      this.handles.delete(keyId);
    }, false);
  }

  async close(): Promise<void> {
    await this.exclusive(async () => this.disconnect());
  }

  private common(label: string, id: Buffer): Attribute[] {
    return [
      { type: this.ck.CKA_TOKEN, value: true },
      { type: this.ck.CKA_LABEL, value: label },
      { type: this.ck.CKA_ID, value: id },
    ];
  }

  private privateOnly(): Attribute[] {
    const ck = this.ck;
    return [
      { type: ck.CKA_PRIVATE, value: true },
      { type: ck.CKA_SENSITIVE, value: true },
      { type: ck.CKA_EXTRACTABLE, value: false },
      { type: ck.CKA_SIGN, value: true },
      { type: ck.CKA_DECRYPT, value: false },
      { type: ck.CKA_UNWRAP, value: false },
    ];
  }

  private key(m: Pkcs11, s: Handle, keyId: string): Handle {
    const cached = this.handles.get(keyId);
    if (cached) return cached;
    const [handle] = this.find(m, s, keyId, this.ck.CKO_PRIVATE_KEY);
    if (!handle)
      throw new KeystoreUnavailableError(
        `no private key with CKA_ID ${keyId} on the token`,
      );
    this.handles.set(keyId, handle);
    return handle;
  }

  private find(
    m: Pkcs11,
    s: Handle,
    keyId: string,
    cls: number | null,
  ): Handle[] {
    m.C_FindObjectsInit(s, [
      { type: this.ck.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ...(cls === null ? [] : [{ type: this.ck.CKA_CLASS, value: cls }]),
    ]);
    try {
      return m.C_FindObjects(s, 4);
    } finally {
      m.C_FindObjectsFinal(s);
    }
  }

  /**
   * Runs `work` on the logged-in session, one call at a time. A failure disconnects; when `retry`,
   * the work is tried once more on a new connection. Errors leave as {@link KeystoreUnavailableError}.
   */
  private run<T>(
    work: (m: Pkcs11, s: Handle) => T | Promise<T>,
    retry = true,
  ): Promise<T> {
    return this.exclusive(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const [m, s] = this.connect();
          return await work(m, s);
        } catch (error) {
          const reason =
            error instanceof KeystoreUnavailableError
              ? error.reason
              : pkcs11ErrorName(error);
          if (error instanceof KeystoreUnavailableError && !this.session)
            throw error;
          this.logger.error(`PKCS#11: ${reason} (${this.describe()})`);
          this.disconnect();
          if (!retry || attempt > 0) throw new KeystoreUnavailableError(reason);
        }
      }
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private connect(): [Pkcs11, Handle] {
    if (this.module && this.session) return [this.module, this.session];
    if (this.pinRefused) throw new KeystoreUnavailableError(this.pinRefused);
    if (Date.now() - this.lastFailure.at < RECONNECT_BACKOFF_MS)
      throw new KeystoreUnavailableError(this.lastFailure.reason);
    try {
      return this.open();
    } catch (error) {
      const reason =
        error instanceof KeystoreUnavailableError
          ? error.reason
          : pkcs11ErrorName(error);
      this.lastFailure = { at: Date.now(), reason };
      this.disconnect();
      throw new KeystoreUnavailableError(reason);
    }
  }

  private open(): [Pkcs11, Handle] {
    const ck = this.ck;
    if (!this.module) {
      const module = new this.binding.PKCS11();
      module.load(this.config.library);
      try {
        module.C_Initialize();
      } catch (error) {
        if (pkcs11ErrorName(error) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED')
          throw error;
      }
      this.module = module;
    }
    const m = this.module;
    const slot = m
      .C_GetSlotList(true)
      .find((candidate) =>
        this.config.tokenLabel !== null
          ? m.C_GetTokenInfo(candidate).label.trim() === this.config.tokenLabel
          : slotId(candidate) === this.config.slot,
      );
    if (!slot) throw new KeystoreUnavailableError('token not present');
    const session = m.C_OpenSession(
      slot,
      ck.CKF_RW_SESSION | ck.CKF_SERIAL_SESSION,
    );
    try {
      m.C_Login(session, ck.CKU_USER, this.config.pin());
    } catch (error) {
      const name = pkcs11ErrorName(error);
      if (name !== 'CKR_USER_ALREADY_LOGGED_IN') {
        m.C_CloseSession(session);
        if (name === 'CKR_PIN_INCORRECT' || name === 'CKR_PIN_LOCKED') {
          this.pinRefused = `the token refused PKCS11_PIN (${name}); not tried again until restart`;
          throw new KeystoreUnavailableError(this.pinRefused);
        }
        throw error;
      }
    }
    this.session = session;
    this.logger.log(`PKCS#11: logged in to ${this.describe()}`);
    return [m, session];
  }

  private disconnect(): void {
    this.handles.clear();
    const m = this.module;
    this.session = null;
    this.module = null;
    try {
      m?.C_Finalize(); // closes every session; a token that returns is found again by the next C_Initialize
    } catch {
      // already gone
    }
  }
}

function slotId(slot: Handle): number {
  return slot.length >= 8
    ? Number(slot.readBigUInt64LE())
    : slot.readUInt32LE();
}
