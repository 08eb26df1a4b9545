import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { CertificateAuthorityService } from './certificate-authority.service';
import { CertificateRevocationService } from './certificate-revocation.service';
import { CrlService } from './crl.service';

/** How often the API process looks for CRLs to publish (stale after a revocation, or a day old). */
export const CRL_CHECK_INTERVAL_MS = 5 * 60_000;

/**
 * In the API process: at start-up, refuse a missing `CA_KEY_PASSPHRASE` (outside demo mode), create
 * the CAs that are missing and publish due CRLs; then check every {@link CRL_CHECK_INTERVAL_MS}
 * (each check first retires the certificates a renewal replaced once past their own expiry).
 * Several replicas may all do this: publication locks the CA row, so CRL numbers stay in order.
 */
@Injectable()
export class PkiStartup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PkiStartup.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cas: CertificateAuthorityService,
    private readonly crl: CrlService,
    private readonly revocation: CertificateRevocationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.cas.startUp();
    await this.check();
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.check())
        .catch((error: unknown) =>
          this.logger.error(`CRL check failed: ${String(error)}`),
        );
    }, CRL_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Retires renewed-away certificates past their own expiry, then publishes the CRLs that are due. */
  private async check(): Promise<void> {
    await this.revocation.retireExpiredReplaced();
    await this.crl.publishDue();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** The API's share of the PKI: the public CA/CRL routes and the start-up and CRL schedule. */
