import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app/app.module';
import { Clock, FixedClock } from '../app/infra/clock/clock';
import {
  AppConfig,
  DatabaseConfig,
  loadConfig,
} from '../app/infra/config/config';
import { APP_CONFIG } from '../app/infra/config/app-config.module';
import { configureApp } from '../app/infra/http/configure-app';
import type { TestDatabase } from './test-database';
import { makeTempDir, removeTempDir } from './temp-dir';

/** Encrypts the test CAs' keys (production requires `CA_KEY_PASSPHRASE` outside demo mode). */
export const TEST_CA_KEY_PASSPHRASE = 'test-ca-key-passphrase-0123456789';

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The pinned clock's instant (default 2026-12-01 09:00 JST). */
  now?: string;
  /** Environment over the test defaults. */
  env?: Record<string, string>;
}

/** The real AppModule on a real database, with the clock pinned (default 2026-12-01 09:00 JST). */
export async function createTestApp(
  database: DatabaseConfig,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config: AppConfig = {
    ...loadConfig({
      CONSOLE_DIR: '',
      DEMO_DATA: 'off',
      LOG_FORMAT: 'text',
      LOG_LEVEL: 'warn',
      NOTICE_WORKER: 'off',
      AUDIT_WATCH: 'off',
      SMTP_PORT: '0',
      CA_KEY_PASSPHRASE: TEST_CA_KEY_PASSPHRASE,
      IB_TLS_PORT: 'off',
      IB_PORTAL_DIR: '',
      ...options.env,
    }),
    database,
  };
  const clock = new FixedClock(
    new Date(options.now ?? '2026-12-01T09:00:00+09:00'),
  );
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  configureApp(app, config);
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined); // a start-up that fails must not leave the database open
    throw error;
  }
  return {
    app,
    clock,
    dataSource: app.get(DataSource),
    config,
    close: () => app.close(),
  };
}

export interface StartOptions extends TestAppOptions {
  /**
   * The IB channel on: its mutual-TLS listener on a free port (`IB_TLS_PORT=0`) with its files in
   * a temporary `DATA_DIR`, removed on close.
   */
  ibChannel?: boolean;
  /** With `ibChannel`: the IB listener also serves a one-page portal (`IB_PORTAL_DIR`). */
  ibPortal?: boolean;
}

/** The title of the portal page {@link startTestApp} serves with `ibPortal`. */
export const TEST_PORTAL_TITLE = '法人インターネットバンキング';

/** The IB channel's environment in `dataDir`, with a one-page portal when `portal`. */
function ibChannelEnv(
  dataDir: string,
  portal: boolean,
): Record<string, string> {
  const env = { IB_TLS_PORT: '0', DATA_DIR: dataDir };
  if (!portal) return env;
  const portalDir = join(dataDir, 'portal');
  mkdirSync(portalDir);
  writeFileSync(
    join(portalDir, 'index.html'),
    `<!doctype html><title>${TEST_PORTAL_TITLE}</title>`,
  );
  return { ...env, IB_PORTAL_DIR: portalDir };
}

/**
 * {@link createTestApp} on a fresh database of `db`: its `close()` stops the app, then removes the
 * database (and the IB channel's directory); all is removed at once when the app does not start.
 */
export async function startTestApp(
  db: TestDatabase,
  options: StartOptions = {},
): Promise<TestApp> {
  const created = await db.create();
  const dataDir = options.ibChannel ? makeTempDir('ib') : null;
  const removeAll = async () => {
    await created.drop();
    if (dataDir) removeTempDir(dataDir);
  };
  let t: TestApp;
  try {
    t = await createTestApp(created.config, {
      now: options.now,
      env: {
        ...(dataDir ? ibChannelEnv(dataDir, !!options.ibPortal) : {}),
        ...options.env,
      },
    });
  } catch (error) {
    await removeAll();
    throw error;
  }
  return {
    ...t,
    close: async () => {
      try {
        await t.close();
      } finally {
        await removeAll();
      }
    },
  };
}
