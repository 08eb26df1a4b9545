import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config';
import { assertKeystoreChosen, parseCaKeystore } from './keystore-config';
import { makeTempDir, removeTempDir } from '../../../testing/temp-dir';

describe('CA_KEYSTORE and the PKCS#11 settings', () => {
  const dir = makeTempDir('keystore-config');
  afterAll(() => removeTempDir(dir));
  const token = {
    CA_KEYSTORE: 'pkcs11',
    PKCS11_LIBRARY: '/usr/lib/softhsm/libsofthsm2.so',
    PKCS11_TOKEN_LABEL: 'certdesk-ca',
  };

  it('is software by default, which production mode refuses unless chosen explicitly', () => {
    const unset = parseCaKeystore({}, dir);
    expect(unset).toEqual({ kind: 'software', explicit: false });
    expect(() => assertKeystoreChosen('demo', unset)).not.toThrow();
    expect(() => assertKeystoreChosen('production', unset)).toThrow(
      /^Invalid configuration: CA_KEYSTORE must be set in production mode/,
    );
    const chosen = parseCaKeystore({ CA_KEYSTORE: 'software' }, dir);
    expect(() => assertKeystoreChosen('production', chosen)).not.toThrow();
    expect(() => parseCaKeystore({ CA_KEYSTORE: 'hsm' }, dir)).toThrow(
      /CA_KEYSTORE must be software or pkcs11/,
    );
  });

  it('reads the PIN from PKCS11_PIN_FILE and never lets it out in the configuration object', () => {
    const pinFile = join(dir, 'pin');
    writeFileSync(pinFile, '97531864\n');
    const config = parseCaKeystore({ ...token, PKCS11_PIN_FILE: pinFile }, dir);
    expect(config).toMatchObject({
      kind: 'pkcs11',
      library: token.PKCS11_LIBRARY,
      tokenLabel: 'certdesk-ca',
      slot: null,
    });
    expect(config.kind === 'pkcs11' && config.pin()).toBe('97531864');
    expect(JSON.stringify(config)).not.toContain('97531864');
    expect(
      parseCaKeystore({ ...token, PKCS11_PIN: '1357' }, dir),
    ).toMatchObject({ kind: 'pkcs11' });
  });

  it.each([
    [{ PKCS11_LIBRARY: '' }, 'PKCS11_LIBRARY'],
    [{ PKCS11_LIBRARY: 'libsofthsm2.so' }, 'PKCS11_LIBRARY'],
    [{ PKCS11_TOKEN_LABEL: '' }, 'PKCS11_TOKEN_LABEL'],
    [{ PKCS11_SLOT: '3' }, 'PKCS11_TOKEN_LABEL'],
    [{ PKCS11_TOKEN_LABEL: '', PKCS11_SLOT: '-1' }, 'PKCS11_SLOT'],
    [{ PKCS11_PIN: undefined }, 'PKCS11_PIN_FILE'],
    [{ PKCS11_PIN_FILE: '/nonexistent/pin' }, 'PKCS11_PIN'],
    [
      { PKCS11_PIN: undefined, PKCS11_PIN_FILE: '/nonexistent/pin' },
      'PKCS11_PIN_FILE',
    ],
  ])('refuses %p, naming %s', (override, variable) => {
    const env = { ...token, PKCS11_PIN: '1357', ...override };
    let error: unknown;
    try {
      parseCaKeystore(env, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).not.toContain('1357');
  });
});
