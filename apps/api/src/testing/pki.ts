import { generateKeyPair } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { buildCsr } from '@certdesk/pki';
import { CreditUnion } from '../app/credit-unions/credit-union.entity';
import { Customer } from '../app/customers/customer.entity';
import { IbUser } from '../app/customers/ib-user.entity';
import type { TestApp } from './test-app';

let next = 1;

/** A new IB user of the credit union's first customer, in the state given (default: no certificate yet). */
export async function addIbUser(
  t: TestApp,
  cu: CreditUnion,
  state: Partial<Pick<IbUser, 'currentExpiryDate' | 'currentRevoked' | 'reissueState' | 'ibRole'>> = {},
): Promise<IbUser> {
  const customer = await t.dataSource.getRepository(Customer).findOneOrFail({ where: { creditUnionId: cu.id }, order: { contractNumber: 'ASC' } });
  const now = t.clock.now();
  const user: IbUser = {
    id: randomUUID(), creditUnionId: cu.id, customerId: customer.id, loginId: `pki${String(next++).padStart(5, '0')}`,
    ibRole: 'user', name: '証明 太郎', nameKana: 'ショウメイ タロウ', email: null, pinHash: null, confirmPinHash: null,
    failedPinAttempts: 0, pinLockedAt: null, currentCertificateId: null, currentExpiryDate: null, currentRevoked: false,
    reissueState: null, createdAt: now, updatedAt: now, ...state,
  };
  await t.dataSource.getRepository(IbUser).insert(user);
  return user;
}

/** `n` PKCS#10 requests of fresh RSA keys (node:crypto keys, made in parallel). */
export async function rsaCsrs(n: number, bits = 2048): Promise<string[]> {
  const keys = await Promise.all(Array.from({ length: n }, () => promisify(generateKeyPair)('rsa', { modulusLength: bits })));
  return keys.map(({ privateKey }, i) => buildCsr(privateKey, `concurrent-${i}`));
}
