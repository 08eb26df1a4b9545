import {
  copyFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** FTS5 tables with external content keyed by rowid (migrations …095, …250). */
const FTS_INDEXES = ['customer_search', 'ib_user_search'] as const;

/**
 * SQLite backup and restore (`npm run backup -- --out FILE`, `npm run restore -- --from FILE`).
 * PostgreSQL: pg_dump / pg_restore and WAL archiving (docs/operations.md, "PostgreSQL").
 */
export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * A consistent copy of the database while the API keeps running: `VACUUM INTO` reads one snapshot
 * (WAL: writers go on meanwhile) and writes a compact file; the copy is then checked
 * (`PRAGMA integrity_check`).
 */
export function backupSqlite(
  source: string,
  out: string,
): { bytes: number; milliseconds: number } {
  if (!existsSync(source))
    throw new BackupError(`データベースファイルがありません: ${source}`);
  if (existsSync(out))
    throw new BackupError(`出力先が既にあります（上書きしません）: ${out}`);
  const started = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(out);
  } finally {
    db.close();
  }
  try {
    assertIntact(out);
  } catch (error) {
    rmSync(out, { force: true });
    throw error;
  }
  return { bytes: statSync(out).size, milliseconds: Date.now() - started };
}

/**
 * Puts a backup in place as the database file `target` (which must not exist: restore into a fresh
 * data folder, with the API stopped). The copy is checked, and the FTS5 search indexes are rebuilt:
 * VACUUM may renumber the rowids they are keyed by (see migrations …095 and …250).
 */
export function restoreSqlite(backup: string, target: string): void {
  if (!existsSync(backup))
    throw new BackupError(`バックアップファイルがありません: ${backup}`);
  for (const file of [target, `${target}-wal`])
    if (existsSync(file))
      throw new BackupError(
        `復元先に既にデータベースがあります（上書きしません。空のデータフォルダーに復元してください）: ${file}`,
      );
  assertIntact(backup);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  copyFileSync(backup, partial);
  try {
    const db = new Database(partial, { fileMustExist: true });
    try {
      for (const fts of FTS_INDEXES) {
        const present = db
          .prepare(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
          )
          .get(fts);
        if (present) db.exec(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
      }
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  }
}

function assertIntact(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0].integrity_check !== 'ok')
      throw new BackupError(
        `SQLite の整合性チェックに失敗しました (${file}): ${rows
          .slice(0, 3)
          .map((r) => r.integrity_check)
          .join('; ')}`,
      );
  } finally {
    db.close();
  }
}
