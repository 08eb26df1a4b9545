import {
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

/**
 * A software WebAuthn authenticator for the API tests: ES256 keys, attestation `none`, user
 * present and verified, a signature counter. Answers the JSON options of @simplewebauthn/server
 * with the JSON @simplewebauthn/browser would send.
 */
export class SoftAuthenticator {
  private readonly keys = new Map<
    string,
    { privateKey: KeyObject; counter: number; userHandle: string; rpId: string }
  >();

  constructor(readonly origin: string) {}

  register(options: {
    challenge: string;
    rp: { id?: string };
    user: { id: string };
  }): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
    });
    const jwk = publicKey.export({ format: 'jwk' });
    const credentialId = randomBytes(32);
    const id = credentialId.toString('base64url');
    this.keys.set(id, {
      privateKey,
      counter: 0,
      userHandle: options.user.id,
      rpId,
    });
    const coseKey = cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x45]), // UP | UV | AT
      Buffer.alloc(4),
      Buffer.alloc(16), // AAGUID
      length,
      credentialId,
      coseKey,
    ]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return credential(id, {
      clientDataJSON: this.clientData('webauthn.create', options.challenge),
      attestationObject: attestationObject.toString('base64url'),
      transports: ['internal'],
    });
  }

  /** An assertion with the first of `allowCredentials` this authenticator holds (or any). */
  authenticate(
    options: { challenge: string; allowCredentials?: { id: string }[] },
    overrides: { origin?: string } = {},
  ): Record<string, unknown> {
    const id =
      options.allowCredentials
        ?.map((c) => c.id)
        .find((c) => this.keys.has(c)) ?? [...this.keys.keys()][0];
    const key = this.keys.get(id);
    if (!key) throw new Error('SoftAuthenticator: no credential');
    key.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(key.counter);
    const authData = Buffer.concat([
      sha256(key.rpId),
      Buffer.from([0x05]), // UP | UV
      counter,
    ]);
    const clientDataJSON = this.clientData(
      'webauthn.get',
      options.challenge,
      overrides.origin,
    );
    const signature = sign(
      'sha256',
      Buffer.concat([
        authData,
        sha256(Buffer.from(clientDataJSON, 'base64url')),
      ]),
      key.privateKey,
    );
    return credential(id, {
      clientDataJSON,
      authenticatorData: authData.toString('base64url'),
      signature: signature.toString('base64url'),
      userHandle: key.userHandle,
    });
  }

  private clientData(type: string, challenge: string, origin = this.origin) {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin, crossOrigin: false }),
    ).toString('base64url');
  }
}

/** The PublicKeyCredential JSON @simplewebauthn/browser sends, around an authenticator's `response`. */
function credential(
  id: string,
  response: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response,
  };
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The CBOR subset WebAuthn needs: integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof value === 'number')
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value))
    return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map)
    return Buffer.concat([
      head(5, value.size),
      ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)]),
    ]);
  throw new Error(`cbor: unsupported ${typeof value}`);
}
