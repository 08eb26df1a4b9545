// A customer's side of the IB channel for the soak: HTTPS over mutual TLS on a fresh connection (each log-on is
// its own TLS handshake with the client certificate), and RSA-2048 keys with their PKCS#10 requests.
import { generateKeyPair } from 'node:crypto';
import { Agent, request } from 'node:https';
import forge from 'node-forge';

/** A new key and certificate request (PEM), as the customer's browser would make them (key off the main thread). */
export async function newKeyRequest() {
  const generated = await new Promise((resolveP, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (error, publicKey, privateKey) =>
        error ? reject(error) : resolveP({ publicKey, privateKey }),
    ),
  );
  const { publicKey, privateKey } = generated;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.publicKeyFromPem(publicKey);
  csr.setSubject([{ name: 'commonName', value: 'certdesk-soak' }]);
  csr.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  const keyPem = privateKey;
  const csrPem = forge.pki.certificationRequestToPem(csr);
  return { keyPem, csrPem };
}

/**
 * One HTTPS request to an API process's IB listener through `agent` (verified against the process's own
 * server certificate, name localhost), presenting `identity` ({ keyPem, certPem }) when given.
 */
export function ibRequest(server, agent, method, path, body, localAddress) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveP, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: server.ibPort,
        method,
        path,
        agent,
        ...(localAddress ? { localAddress } : {}),
        headers: payload
          ? {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(payload)),
            }
          : {},
        timeout: 60_000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              // kept as text
            }
          }
          resolveP({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A keep-alive agent for one log-on: one TLS handshake (with `identity`), then its requests; destroy it after. */
export function logonAgent(server, identity) {
  return new Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: server.serverCa,
    ...(identity ? { key: identity.keyPem, cert: identity.certPem } : {}),
  });
}
