import { createPublicKey, KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import type { CaSigner } from '@certdesk/pki';
import { fromBinary, toBinary } from '../../../libs/pki/src/lib/der';

/**
 * The same signature by forge's pure-JavaScript RSA — only so the benchmark can show what OpenSSL's
 * RSA saves; never used to issue.
 */
export function forgeSigner(key: KeyObject): CaSigner {
  const forgeKey = forge.pki.privateKeyFromPem(
    key.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  return {
    publicKeySpki: createPublicKey(key).export({ type: 'spki', format: 'der' }),
    sign: async (data) => {
      const digest = forge.md.sha256.create();
      digest.update(toBinary(data));
      return fromBinary(forgeKey.sign(digest));
    },
  };
}
