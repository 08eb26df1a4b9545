import { resolve } from 'node:path';
import { appConfig } from '../infra/config/config';
import { backupSqlite, restoreSqlite } from '../infra/database/sqlite-backup';
import type { Options } from './args';

function sqliteFile(): string {
  const { database } = appConfig();
  if (database.type !== 'sqlite')
    throw new Error(
      'PostgreSQL のバックアップは pg_dump / pg_restore（と WAL アーカイブ）で行います（docs/operations.md「PostgreSQL」を参照）',
    );
  return database.file;
}

function fileOption(options: Options, name: string): string {
  const value = options.get(name);
  if (typeof value !== 'string')
    throw new Error(`--${name} でファイルを指定してください`);
  return resolve(value);
}

/** `npm run backup -- --out FILE`: a consistent copy of the SQLite database, also while the API runs. No Nest context. */
export async function backupCommand(options: Options): Promise<number> {
  const out = fileOption(options, 'out');
  const { bytes, milliseconds } = backupSqlite(sqliteFile(), out);
  console.log(
    `バックアップ完了: ${out} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${milliseconds} ms)`,
  );
  return 0;
}

/** `npm run restore -- --from FILE`: into an empty DATA_DIR (or DATABASE_URL=sqlite:…), the API stopped. */
export async function restoreCommand(options: Options): Promise<number> {
  const from = fileOption(options, 'from');
  const target = sqliteFile();
  restoreSqlite(from, target);
  console.log(
    `復元完了: ${target}（検索索引を再構築しました。CA_KEY_PASSPHRASE はバックアップ時と同じものを設定してください）`,
  );
  return 0;
}
