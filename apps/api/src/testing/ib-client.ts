import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { IbTlsListener } from '../app/ib/ib-tls-listener';
import type { TestApp } from './test-app';

export interface IbAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** A client identity: a certificate and its key (PEM), as a customer's PC holds them. */
export interface IbIdentity {
  keyPem: string;
  certPem: string;
}

/**
 * A customer's HTTPS client on the test app's IB listener: verifies the server certificate,
 * presents `identity` (if any) and opens a fresh connection per request, so each request is its own log-on.
 */
export class IbClient {
  private readonly port: number;
  private readonly serverCa: string;
  private readonly localAddress: string | null = null;
  private readonly agent: Agent | null = null;

  constructor(
    t: TestApp,
    private readonly identity: IbIdentity | null = null,
  ) {
    const port = t.app.get(IbTlsListener).port();
    if (port === null)
      throw new Error(
        'The IB listener is off: create the test app with IB_TLS_PORT=0',
      );
    this.port = port;
    this.serverCa = readFileSync(
      join(t.config.dataDir, 'ib-tls', 'server.crt'),
      'utf8',
    );
  }

  /**
   * Sends through `agent` (e.g. a keep-alive agent whose connection is already open): a burst of
   * requests then arrives at once instead of one TLS handshake after another.
   */
  via(agent: Agent): IbClient {
    return Object.assign(Object.create(IbClient.prototype) as IbClient, {
      ...this,
      agent,
    });
  }

  /** Connects from another loopback address (127.x.y.z on Linux), as a different client would. */
  from(localAddress: string): IbClient {
    return Object.assign(Object.create(IbClient.prototype) as IbClient, {
      ...this,
      localAddress,
    });
  }

  as(identity: IbIdentity | null): IbClient {
    return Object.assign(Object.create(IbClient.prototype) as IbClient, {
      ...this,
      identity,
    });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<IbAnswer> {
    return this.send('GET', path, undefined, headers);
  }

  post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<IbAnswer> {
    return this.send(
      'POST',
      path,
      body === undefined ? undefined : JSON.stringify(body),
      { 'content-type': 'application/json', ...headers },
    );
  }

  send(
    method: string,
    path: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<IbAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: this.port,
          method,
          path,
          agent: this.agent ?? false,
          ca: this.serverCa,
          ...(this.localAddress ? { localAddress: this.localAddress } : {}),
          ...(this.identity
            ? { key: this.identity.keyPem, cert: this.identity.certPem }
            : {}),
          headers: {
            ...(payload !== undefined
              ? { 'content-length': String(Buffer.byteLength(payload)) }
              : {}),
            ...headers,
          },
        },
        (res) => answerOf(res).then(resolve, reject),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** A Node HTTP(S) response read whole: status, headers, and the body (parsed when it is JSON). */
export function answerOf(res: IncomingMessage): Promise<IbAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        if ((res.headers['content-type'] ?? '').includes('json') && text)
          body = JSON.parse(text);
      } catch (error) {
        reject(error);
        return;
      }
      resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
    });
  });
}
