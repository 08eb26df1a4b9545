import { Injectable } from '@nestjs/common';
import type { ReadinessResponse } from '@certdesk/contracts';
import { DatabaseHealth } from '../infra/database/database-health';
import { CertificateAuthorityRepository } from '../pki/certificate-authority.repository';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';

/** A check that does not answer within this time fails (a hung database must not hang the probe). */
export const READINESS_TIMEOUT_MS = 3000;

type Check = ReadinessResponse['checks'][keyof ReadinessResponse['checks']];

/**
 * Whether this process can serve: the database answers, no migration of this build is pending, and
 * every CA key opens (`CA_KEY_PASSPHRASE`, or the PKCS#11 token is there). Each call asks again (nothing is cached but the opened
 * CA keys), so a probe sees the database go and come back without a restart.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly db: DatabaseHealth,
    private readonly caRows: CertificateAuthorityRepository,
    private readonly cas: CertificateAuthorityService,
  ) {}

  /** `SELECT 1` within the time limit. */
  async databaseReachable(): Promise<boolean> {
    return (await this.database()).ok;
  }

  async check(): Promise<ReadinessResponse> {
    const database = await this.database();
    const unknown = {
      ok: false,
      error: 'データベースに接続できないため未確認',
    };
    const [migrations, caKeys] = database.ok
      ? await Promise.all([this.migrations(), this.caKeys()])
      : [unknown, unknown];
    const checks = { database, migrations, caKeys };
    const failing = (
      Object.keys(checks) as ReadinessResponse['failing']
    ).filter((name) => !checks[name].ok);
    return {
      status: failing.length ? 'not_ready' : 'ready',
      failing,
      checks,
    };
  }

  private database(): Promise<Check> {
    return guarded(async () => {
      await this.db.ping();
      return { ok: true };
    });
  }

  private migrations(): Promise<Check & { pending?: string[] }> {
    return guarded(async () => {
      const pending = await this.db.pendingMigrations();
      return pending.length === 0
        ? { ok: true }
        : {
            ok: false,
            pending,
            error: `未適用のマイグレーションが ${pending.length} 件あります（cli.js migrate を実行してください）`,
          };
    });
  }

  /** The keystore can sign (a PKCS#11 token present and logged in), and every CA's key opens. */
  private caKeys(): Promise<Check> {
    return guarded(async () => {
      const keystore = await this.cas.keystoreReady();
      if (!keystore.ok)
        return {
          ok: false,
          error: `${keystore.keystore}: ${keystore.error ?? '使用できません'}`,
        };
      for (const creditUnionId of await this.caRows.withCa())
        await this.cas.forCreditUnion(creditUnionId);
      return { ok: true };
    });
  }
}

async function guarded<T extends Check>(
  run: () => Promise<T>,
): Promise<T | Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: `${READINESS_TIMEOUT_MS} ms 以内に応答がありません`,
        }),
      READINESS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      run().catch((error: unknown): Check => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
