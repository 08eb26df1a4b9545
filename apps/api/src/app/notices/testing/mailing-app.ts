import { addDays } from '@certdesk/domain';
import type { DatabaseConfig } from '../../infra/config/config';
import type { CreditUnion } from '../../credit-unions/credit-union.entity';
import {
  SeededTenants,
  seedTwoCreditUnions,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import type { TestDatabase } from '../../../testing/test-database';
import { addIbUser, FixtureUser } from './notice-fixtures';
import type { SmtpSink } from './smtp-sink';

/** A test app on a fresh database, mailing to an SMTP sink, with the two seeded credit unions. */
export interface MailingApp {
  t: TestApp;
  seeded: SeededTenants;
  /** The fresh database (for child processes on the same one: {@link databaseUrlOf}). */
  config: DatabaseConfig;
  smtpUrl: string;
  drop: () => Promise<void>;
}

/** Starts `smtp`, creates a database of `db` and starts a test app on it that sends there. */
export async function startMailingApp(
  db: TestDatabase,
  smtp: SmtpSink,
): Promise<MailingApp> {
  const smtpUrl = await smtp.start();
  const { config, drop } = await db.create();
  const t = await createTestApp(config, { env: { SMTP_URL: smtpUrl } });
  const seeded = await seedTwoCreditUnions(t);
  return { t, seeded, config, smtpUrl, drop };
}

/** `DATABASE_URL` of a child process (a sender, an API process) on the same database. */
export function databaseUrlOf(config: DatabaseConfig): string {
  return config.type === 'postgres' ? config.url : `sqlite:${config.file}`;
}

/**
 * `count` IB users of `cu` with certificates expiring over the next 29 days, so that one notice
 * each is due; added `batch` at a time, returned in order.
 */
export async function addDueUsers(
  t: TestApp,
  cu: CreditUnion,
  count: number,
  batch: number,
): Promise<FixtureUser[]> {
  const users: FixtureUser[] = [];
  for (let i = 0; i < count; i += batch)
    users.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(batch, count - i) }, (_, k) =>
          addIbUser(t, cu, {
            expiry: addDays(t.clock.today(), 1 + ((i + k) % 29)),
          }),
        ),
      )),
    );
  return users;
}
