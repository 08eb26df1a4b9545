import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTlsServerCertificate } from '@certdesk/pki';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { answerMalformedRequests } from '../infra/http/client-errors';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { ibChannelHandler } from './ib-channel';

/**
 * The IB channel's HTTPS listener (`IB_TLS_PORT`): asks every client for a certificate and accepts
 * the connection whatever it presents — the certificate log-on guard decides, on the business
 * clock, against the issuing records (a TLS library's own check would use the wall clock and give
 * no reason the customer can act on). The credit unions' CA certificates are sent as the accepted
 * issuers, so browsers offer the right certificate.
 */
const TRUST_REFRESH_MS = 5 * 60_000;

@Injectable()
export class IbTlsListener
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(IbTlsListener.name);
  private server: Server | null = null;
  private timer: NodeJS.Timeout | undefined;
  private trusted = '';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly cas: CertificateAuthorityService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.ib.tlsPort;
    if (port === null) return;
    const { cert, key } = this.serverCertificate();
    const api = this.adapterHost.httpAdapter.getInstance();
    const ca = await this.cas.certificatePems();
    this.trusted = ca.join('');
    const server = createServer(
      {
        cert,
        key,
        ca,
        requestCert: true,
        rejectUnauthorized: false,
        minVersion: 'TLSv1.2',
      },
      ibChannelHandler(api, this.config.ib.portalDir),
    );
    answerMalformedRequests(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    // A credit union added later (import) gets its CA: name it to browsers from then on.
    this.timer = setInterval(
      () =>
        void this.refreshTrust(cert, key).catch((e: unknown) =>
          this.logger.error(`IB trust refresh failed: ${String(e)}`),
        ),
      TRUST_REFRESH_MS,
    );
    this.timer.unref();
    this.logger.log(
      `IB channel (mutual TLS): https://localhost:${this.port()}/`,
    );
  }

  /** Re-reads the CA certificates and, when they changed, gives new connections the new list. */
  async refreshTrust(cert: string, key: string): Promise<void> {
    const ca = await this.cas.certificatePems();
    if (!this.server || ca.join('') === this.trusted) return;
    this.server.setSecureContext({ cert, key, ca });
    this.trusted = ca.join('');
  }

  /** The port it listens on (useful with `IB_TLS_PORT=0`), or null when off. */
  port(): number | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `IB_TLS_CERT`/`IB_TLS_KEY`, else a self-signed localhost certificate kept under DATA_DIR/ib-tls. */
  private serverCertificate(): { cert: string; key: string } {
    const { certFile, keyFile } = this.config.ib;
    if (certFile && keyFile)
      return {
        cert: readFileSync(certFile, 'utf8'),
        key: readFileSync(keyFile, 'utf8'),
      };
    const dir = join(this.config.dataDir, 'ib-tls');
    const crtPath = join(dir, 'server.crt');
    const keyPath = join(dir, 'server.key');
    if (!existsSync(crtPath) || !existsSync(keyPath)) {
      // Wall-clock validity on purpose: browsers check a server certificate against their own clock.
      const made = createTlsServerCertificate({
        hostnames: ['localhost', '127.0.0.1'],
        now: new Date(),
        validityDays: 825,
        organization: '法人IB（開発用サーバ証明書）',
      });
      mkdirSync(dir, { recursive: true });
      writeFileSync(keyPath, made.privateKeyPem, { mode: 0o600 });
      chmodSync(keyPath, 0o600);
      writeFileSync(crtPath, made.certificatePem);
      this.logger.warn(
        `Made a self-signed server certificate for the IB channel: ${crtPath} (set IB_TLS_CERT / IB_TLS_KEY in production)`,
      );
    }
    return {
      cert: readFileSync(crtPath, 'utf8'),
      key: readFileSync(keyPath, 'utf8'),
    };
  }
}
