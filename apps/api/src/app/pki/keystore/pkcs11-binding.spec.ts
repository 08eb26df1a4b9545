import { ConfigError } from '../../infra/config/config';
import { loadPkcs11Binding } from './pkcs11-binding';
import { Pkcs11CaKeystore } from './pkcs11-keystore';

// As on a machine where the optional native addon did not build.
jest.mock('pkcs11js', () => {
  throw new Error("Cannot find module 'pkcs11js'");
});

describe('CA_KEYSTORE=pkcs11 without pkcs11js', () => {
  it('stops the start with a ConfigError that says what to install', () => {
    expect(() => loadPkcs11Binding()).toThrow(ConfigError);
    expect(() =>
      Pkcs11CaKeystore.create({
        kind: 'pkcs11',
        library: '/usr/lib/softhsm/libsofthsm2.so',
        tokenLabel: 'certdesk-ca',
        slot: null,
        pin: () => '1234',
      }),
    ).toThrow(
      /^Invalid configuration: CA_KEYSTORE is pkcs11, but the PKCS#11 binding "pkcs11js" .* is not installed or did not build: .*npm install pkcs11js.*CA_KEYSTORE=software/,
    );
  });
});
