import { loadMigrationConfig } from '../infra/config/config';
import { migrate, migrationDatabase } from '../infra/database/migrate';

/**
 * `npm run migrate` / `node dist/apps/api/cli.js migrate`: applies the pending migrations (as the owner
 * role of `MIGRATION_DATABASE_URL` when set, then grants the API role) and exits. Needs no Nest context,
 * so it also runs where a start would refuse (e.g. production with pending migrations).
 */
export async function migrateCommand(): Promise<number> {
  const config = loadMigrationConfig();
  const ran = await migrate(config);
  const where = migrationDatabase(config).type;
  console.log(
    ran.length
      ? `マイグレーション完了 (${where}): ${ran.length} 件 — ${ran.join(', ')}`
      : `マイグレーション: 適用待ちはありません (${where})`,
  );
  return 0;
}
