import { Inject, Injectable, Logger } from '@nestjs/common';
import { hash } from 'argon2';
import { ARGON2_OPTIONS } from '../auth/passwords';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

/** Demo defaults: two credit unions (1001, 1002) of 300 customers each. */
export const DEMO_SEED = {
  seed: 20261201,
  creditUnions: 2,
  customersPerCreditUnion: 300,
  firstCode: 1001,
};

/** On `npm start`: an empty database gets demo data and the demo staff accounts. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly rows: SeedRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly seeder: SeedService,
  ) {}

  async seedIfEmpty(): Promise<void> {
    if (!this.config.demoData) return;
    if ((await this.rows.creditUnionCount()) > 0) return;
    const result = await this.seeder.seed(
      { ...DEMO_SEED, today: this.clock.today(), now: this.clock.now() },
      this.config.demoPassword,
    );
    await this.givePins();
    this.logger.log(
      `demo data: credit unions ${result.creditUnions.join(', ')}, ${result.customers} customers, ` +
        `${result.certificates} certificates in ${result.seconds.toFixed(1)} s; ` +
        `staff <role>-<code> (e.g. manager-1001) with password DEMO_PASSWORD` +
        (process.env['DEMO_PASSWORD'] ? '' : ` = ${this.config.demoPassword}`) +
        `; IB users' PINs DEMO_PIN / DEMO_CONFIRMATION_PIN` +
        (process.env['DEMO_PIN'] || process.env['DEMO_CONFIRMATION_PIN']
          ? ''
          : ` = ${this.config.ib.demoPin} / ${this.config.ib.demoConfirmationPin}`),
    );
  }

  /**
   * Every demo IB user gets the demo PINs, so 電子証明書取得 can be tried by hand. One argon2id hash
   * per PIN is shared by all demo users (hashing thousands would slow the start); demo data only.
   */
  private async givePins(): Promise<void> {
    const { demoPin, demoConfirmationPin } = this.config.ib;
    const [pinHash, confirmPinHash] = await Promise.all([
      hash(demoPin, ARGON2_OPTIONS),
      hash(demoConfirmationPin, ARGON2_OPTIONS),
    ]);
    await this.rows.giveMissingPins(pinHash, confirmPinHash);
  }
}
