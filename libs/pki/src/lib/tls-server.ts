import { generateKeyPairSync } from 'node:crypto';
import { isIP } from 'node:net';
import * as forge from 'node-forge';
import { octetString, oid, sequence } from './der';
import { toPem } from './signing';
import {
  endEntityExtensions,
  extension,
  keyIdentifier,
  nameDer,
  OID,
  selfSignedTbs,
  signCertificate,
  wholeSeconds,
} from './x509';

const { Class, create } = forge.asn1;
const SUBJECT_ALT_NAME = '2.5.29.17';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface TlsServerCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * A self-signed RSA-2048 server certificate for the IB channel's local HTTPS listener (demo and
 * tests; production points `IB_TLS_CERT` / `IB_TLS_KEY` at a real one): subjectAltName with the
 * given host names and IP addresses, extendedKeyUsage serverAuth, not a CA.
 */
export function createTlsServerCertificate(input: {
  hostnames: string[];
  now: Date;
  validityDays: number;
  organization: string;
}): TlsServerCertificate {
  if (input.hostnames.length === 0)
    throw new RangeError('At least one host name is required');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
  });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const subjectDer = nameDer({ O: input.organization, CN: input.hostnames[0] });
  const notBefore = wholeSeconds(new Date(input.now.getTime() - 60_000));
  const notAfter = new Date(
    notBefore.getTime() + input.validityDays * 86_400_000,
  );
  const der = signCertificate(
    selfSignedTbs({
      subjectDer,
      notBefore,
      notAfter,
      spkiDer,
      extensions: [
        ...endEntityExtensions(),
        extension(OID.extKeyUsage, sequence([oid(SERVER_AUTH)])),
        extension(SUBJECT_ALT_NAME, sequence(input.hostnames.map(generalName))),
        extension(
          OID.subjectKeyIdentifier,
          octetString(keyIdentifier(spkiDer)),
        ),
      ],
    }),
    privateKey,
  );
  return {
    certificatePem: toPem('CERTIFICATE', der),
    privateKeyPem: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}

/** dNSName [2] or iPAddress [7] (IPv4 only). */
function generalName(name: string): forge.asn1.Asn1 {
  if (isIP(name) === 4)
    return create(
      Class.CONTEXT_SPECIFIC,
      7,
      false,
      String.fromCharCode(...name.split('.').map(Number)),
    );
  if (isIP(name) !== 0)
    throw new RangeError(
      `Only IPv4 addresses are supported in subjectAltName, got ${name}`,
    );
  return create(Class.CONTEXT_SPECIFIC, 2, false, name);
}
