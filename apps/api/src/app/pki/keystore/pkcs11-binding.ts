import { ConfigError } from '../../infra/config/config';

/**
 * The part of pkcs11js (an optional dependency: a native addon that may not have built) this code
 * uses. Typed here rather than imported, so the API builds on a machine without it.
 */
export type Handle = Buffer;
export interface Attribute {
  type: number;
  value?: number | boolean | string | Buffer;
}
export interface Pkcs11 {
  load(path: string): void;
  C_Initialize(): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): { label: string };
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_GetSessionInfo(session: Handle): { state: number };
  C_Login(session: Handle, userType: number, pin?: string): void;
  C_Logout(session: Handle): void;
  C_FindObjectsInit(session: Handle, template: Attribute[]): void;
  C_FindObjects(session: Handle, max: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(
    session: Handle,
    object: Handle,
    template: Attribute[],
  ): { type: number; value: Buffer }[];
  C_CreateObject(session: Handle, template: Attribute[]): Handle;
  C_DestroyObject(session: Handle, object: Handle): void;
  C_GenerateKeyPairAsync(
    session: Handle,
    mechanism: { mechanism: number },
    publicTemplate: Attribute[],
    privateTemplate: Attribute[],
  ): Promise<{ publicKey: Handle; privateKey: Handle }>;
  C_SignInit(
    session: Handle,
    mechanism: { mechanism: number },
    key: Handle,
  ): void;
  C_SignAsync(session: Handle, data: Buffer, out: Buffer): Promise<Buffer>;
}
export interface Pkcs11Binding {
  PKCS11: new () => Pkcs11;
  [constant: string]: unknown;
}

/** PKCS#11 constants used here (the values are the standard's; read from the binding). */
export const CK = [
  'CKF_RW_SESSION',
  'CKF_SERIAL_SESSION',
  'CKU_USER',
  'CKO_PRIVATE_KEY',
  'CKO_PUBLIC_KEY',
  'CKK_RSA',
  'CKM_RSA_PKCS_KEY_PAIR_GEN',
  'CKM_SHA256_RSA_PKCS',
  'CKA_CLASS',
  'CKA_KEY_TYPE',
  'CKA_TOKEN',
  'CKA_PRIVATE',
  'CKA_LABEL',
  'CKA_ID',
  'CKA_SENSITIVE',
  'CKA_EXTRACTABLE',
  'CKA_ALWAYS_SENSITIVE',
  'CKA_NEVER_EXTRACTABLE',
  'CKA_SIGN',
  'CKA_VERIFY',
  'CKA_DECRYPT',
  'CKA_UNWRAP',
  'CKA_MODULUS',
  'CKA_MODULUS_BITS',
  'CKA_PUBLIC_EXPONENT',
  'CKA_PRIVATE_EXPONENT',
  'CKA_PRIME_1',
  'CKA_PRIME_2',
  'CKA_EXPONENT_1',
  'CKA_EXPONENT_2',
  'CKA_COEFFICIENT',
  'CKR_PIN_INCORRECT',
  'CKR_PIN_LOCKED',
  'CKR_USER_ALREADY_LOGGED_IN',
  'CKR_CRYPTOKI_ALREADY_INITIALIZED',
] as const;
export type CkName = (typeof CK)[number];

/**
 * Loads pkcs11js; a {@link ConfigError} that says what to do when it is not installed (it is an
 * optional dependency: `npm install` succeeds on a machine that cannot build it).
 */
export function loadPkcs11Binding(): {
  binding: Pkcs11Binding;
  ck: Record<CkName, number>;
} {
  let binding: Pkcs11Binding;
  try {
    binding = require('pkcs11js') as Pkcs11Binding;
  } catch (error) {
    throw new ConfigError(
      'CA_KEYSTORE',
      `is pkcs11, but the PKCS#11 binding "pkcs11js" (an optional dependency with a native addon) is not installed or did not build: ${String(error)}. Install a C++ toolchain (build-essential, python3) and run \`npm install pkcs11js\`, or choose CA_KEYSTORE=software`,
    );
  }
  const ck = {} as Record<CkName, number>;
  for (const name of CK) {
    const value = binding[name];
    if (typeof value !== 'number')
      throw new Error(`pkcs11js does not define ${name}`);
    ck[name] = value;
  }
  return { binding, ck };
}

/** The CK_RV name of a PKCS#11 error (pkcs11js puts it in the message), or the message. */
export function pkcs11ErrorName(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /CKR_[A-Z_]+/.exec(message)?.[0] ?? message;
}
