import { createPublicKey, KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import { asn1Of, sequence } from './der';
import { signStructure, toPem } from './signing';
import { nameDer } from './x509';

/**
 * A PKCS#10 request (PEM) for an RSA `privateKey`, signed sha256WithRSA, as a customer's browser
 * would send it. For tests, tools and the benchmark: the server never makes requests itself.
 */
export function buildCsr(privateKey: KeyObject, commonName = 'client'): string {
  const spki = createPublicKey(privateKey).export({
    type: 'spki',
    format: 'der',
  });
  const { Class, Type, create } = forge.asn1;
  const info = sequence([
    create(Class.UNIVERSAL, Type.INTEGER, false, '\u0000'),
    asn1Of(nameDer({ O: 'CSR', CN: commonName })),
    asn1Of(spki),
    create(Class.CONTEXT_SPECIFIC, 0, true, []),
  ]);
  return toPem('CERTIFICATE REQUEST', signStructure(info, privateKey));
}
