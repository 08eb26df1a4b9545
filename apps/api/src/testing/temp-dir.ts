import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder `certdesk-<purpose>-XXXXXX` in the system's temporary folder. */
export const makeTempDir = (purpose: string): string =>
  mkdtempSync(join(tmpdir(), `certdesk-${purpose}-`));

/** Removes a folder with all it holds; nothing when it is gone already. */
export const removeTempDir = (dir: string): void =>
  rmSync(dir, { recursive: true, force: true });
