import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySecretFiles } from './secret-files';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

describe('<NAME>_FILE secrets', () => {
  const dir = makeTempDir('secrets');
  afterAll(() => removeTempDir(dir));

  it('reads CA_KEY_PASSPHRASE and DATABASE_URL from files (a Docker secret ends with a newline)', () => {
    writeFileSync(join(dir, 'pass'), 'a-long-secret-passphrase\n');
    writeFileSync(join(dir, 'db'), 'postgres://certdesk:pw@db:5432/certdesk');
    const env: Record<string, string | undefined> = {
      CA_KEY_PASSPHRASE_FILE: join(dir, 'pass'),
      DATABASE_URL_FILE: join(dir, 'db'),
    };
    applySecretFiles(env);
    expect(env['CA_KEY_PASSPHRASE']).toBe('a-long-secret-passphrase');
    expect(env['DATABASE_URL']).toBe('postgres://certdesk:pw@db:5432/certdesk');
  });

  it('refuses a missing file and a variable set both ways, naming it', () => {
    expect(() =>
      applySecretFiles({ SMTP_URL_FILE: join(dir, 'nothing-here') }),
    ).toThrow(
      /^Invalid configuration: SMTP_URL_FILE cannot be read \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'pass2'), 'x'.repeat(20));
    expect(() =>
      applySecretFiles({
        CA_KEY_PASSPHRASE: 'y'.repeat(20),
        CA_KEY_PASSPHRASE_FILE: join(dir, 'pass2'),
      }),
    ).toThrow(
      /^Invalid configuration: CA_KEY_PASSPHRASE_FILE and CA_KEY_PASSPHRASE are both set/,
    );
  });
});
