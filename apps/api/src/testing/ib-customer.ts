import type { Openssl } from '@certdesk/pki/testing';
import { CreditUnion } from '../app/credit-unions/credit-union.entity';
import { IbClient, IbIdentity } from './ib-client';
import { addIbUser, withPins } from './pki';
import type { TestApp } from './test-app';

/** The PINs {@link customerWithCertificate} gives its IB users. */
export const TEST_PIN = '2468';
export const TEST_CONFIRMATION_PIN = '13579';

/**
 * 電子証明書取得 over the IB channel by a new IB user of `cu` (openssl key and request): the answer,
 * the key that goes with the certificate, and the IB user.
 */
export async function acquireAsNewUser(
  t: TestApp,
  ib: IbClient,
  openssl: Openssl,
  cu: CreditUnion,
) {
  const user = await withPins(
    t,
    await addIbUser(t, cu),
    TEST_PIN,
    TEST_CONFIRMATION_PIN,
  );
  const { keyPem, csrPem } = openssl.newKeyRequest(2048);
  const res = await ib.as(null).post('/ib/acquisitions', {
    creditUnionCode: cu.code,
    loginId: user.loginId,
    pin: TEST_PIN,
    confirmationPin: TEST_CONFIRMATION_PIN,
    csr: csrPem,
  });
  return { res, keyPem, user };
}

/**
 * A new IB user of `cu` who acquires a certificate over the IB channel now (openssl key and
 * request); returns what their PC then holds, with the login ID and the IB user's id.
 */
export async function customerWithCertificate(
  t: TestApp,
  ib: IbClient,
  openssl: Openssl,
  cu: CreditUnion,
): Promise<IbIdentity & { loginId: string; ibUserId: string }> {
  const { res, keyPem, user } = await acquireAsNewUser(t, ib, openssl, cu);
  if (res.status !== 201)
    throw new Error(`acquisition failed: ${res.status} ${res.body.message}`);
  return {
    keyPem,
    certPem: res.body.certificatePem,
    loginId: user.loginId,
    ibUserId: user.id,
  };
}

/** A key and a self-signed certificate (30 days) that no credit union issued: a stranger's PC. */
export function foreignIdentity(openssl: Openssl): IbIdentity {
  const { keyPem, csrPem } = openssl.newKeyRequest(2048);
  const certPem = openssl.ok([
    'x509',
    '-req',
    '-in',
    openssl.file('f.csr', csrPem),
    '-signkey',
    openssl.file('f.key', keyPem),
    '-days',
    '30',
  ]);
  return { keyPem, certPem };
}
