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

/** Encrypts the test CAs' keys (production requires `CA_KEY_PASSPHRASE` outside demo mode). */
export const TEST_CA_KEY_PASSPHRASE = 'test-ca-key-passphrase-0123456789';

export interface TestApp {
  app: INestApplication;
  clock: FixedClock;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real AppModule on a real database, with the clock pinned (default 2026-12-01 09:00 JST). */
export async function createTestApp(
  database: DatabaseConfig,
  options: { now?: string; env?: Record<string, string> } = {},
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
