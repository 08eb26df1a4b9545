import { generateKeyPair } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { buildCsr } from '@certdesk/pki';
import type { Openssl } from '@certdesk/pki/testing';
import { CreditUnion } from '../app/credit-unions/credit-union.entity';
import { Customer } from '../app/customers/customer.entity';
import { FRESH_IB_USER } from '../app/customers/fresh-ib-user';
import { IbUser } from '../app/customers/ib-user.entity';
import { Passwords } from '../app/auth/passwords';
import { CertificateAuthorityService } from '../app/pki/certificate-authority.service';
import {
  CertificateIssuanceService,
  IssueResult,
} from '../app/pki/certificate-issuance.service';
import type { TestApp } from './test-app';

let next = 1;

/** A new IB user of the credit union's first customer, in the state given (default: no certificate yet). */
export async function addIbUser(
  t: TestApp,
  cu: CreditUnion,
  state: Partial<
    Pick<
      IbUser,
      'currentExpiryDate' | 'currentRevoked' | 'reissueState' | 'ibRole'
    >
  > = {},
): Promise<IbUser> {
  const customer = await t.dataSource.getRepository(Customer).findOneOrFail({
    where: { creditUnionId: cu.id },
    order: { contractNumber: 'ASC' },
  });
  const now = t.clock.now();
  const user: IbUser = {
    id: randomUUID(),
    creditUnionId: cu.id,
    customerId: customer.id,
    loginId: `pki${String(next++).padStart(5, '0')}`,
    ibRole: 'user',
    name: '証明 太郎',
    nameKana: 'ショウメイ タロウ',
    email: null,
    ...FRESH_IB_USER,
    createdAt: now,
    updatedAt: now,
    ...state,
  };
  await t.dataSource.getRepository(IbUser).insert(user);
  return user;
}

/** `n` PKCS#10 requests of fresh RSA keys (node:crypto keys, made in parallel). */
export async function rsaCsrs(n: number, bits = 2048): Promise<string[]> {
  const keys = await Promise.all(
    Array.from({ length: n }, () =>
      promisify(generateKeyPair)('rsa', { modulusLength: bits }),
    ),
  );
  return keys.map(({ privateKey }, i) =>
    buildCsr(privateKey, `concurrent-${i}`),
  );
}

/** Gives the IB user hashed PINs (ご契約先暗証番号 / 確認暗証番号), as the credit union's records hold them. */
export async function withPins(
  t: TestApp,
  user: IbUser,
  pin: string,
  confirmationPin: string,
): Promise<IbUser> {
  const passwords = t.app.get(Passwords);
  const patch = {
    pinHash: await passwords.hash(pin),
    confirmPinHash: await passwords.hash(confirmationPin),
  };
  await t.dataSource.getRepository(IbUser).update({ id: user.id }, patch);
  return { ...user, ...patch };
}

/** The IB user's row as stored now. */
export function ibUserRow(t: TestApp, id: string): Promise<IbUser> {
  return t.dataSource.getRepository(IbUser).findOneByOrFail({ id });
}

/** A new IB user of `cu` with a certificate issued now, as an acquisition (an openssl request). */
export async function issuedCertificate(
  t: TestApp,
  openssl: Openssl,
  cu: CreditUnion,
): Promise<IssueResult & { user: IbUser }> {
  const user = await addIbUser(t, cu);
  const result = await t.app.get(CertificateIssuanceService).issue({
    ibUserId: user.id,
    csrPem: openssl.request().csrPem,
    via: 'acquisition',
  });
  return { user, ...result };
}

/** The PEM of the issuing CA of credit union `code` ('' before it has one). */
export async function caCertificatePem(
  t: TestApp,
  code = '1001',
): Promise<string> {
  return (
    (await t.app.get(CertificateAuthorityService).certificatePemByCode(code)) ??
    ''
  );
}
