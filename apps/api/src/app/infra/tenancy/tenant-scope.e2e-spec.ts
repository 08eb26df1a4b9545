import { Brackets } from 'typeorm';
import { describeSeededApp } from '../../../testing/describe-app';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { NEW_STAFF_ACCOUNT } from '../../staff/new-staff-account';
import { requestContext, StaffPrincipal } from './request-context';
import { TenantIsolationError } from './tenant-repository';
import { TenantScope } from './tenant-scope';

/** The refusal a missing row and another tenant's row both give. */
const NOT_FOUND = { code: 'not_found', status: 404 };

describeSeededApp('TenantScope on $name', ({ t, seeded }) => {
  let scope: TenantScope;
  let staffOfB: StaffUser;

  const principalOf = (creditUnionId: string): StaffPrincipal => ({
    staffId: 'test',
    username: 'test',
    displayName: 'test',
    role: 'admin',
    creditUnionId,
    sessionId: 'test',
    mustChangePassword: false,
  });
  /** Runs `fn` as a signed-in member of credit union A. */
  const asA = <T>(fn: () => Promise<T>): Promise<T> =>
    requestContext.run(
      { requestId: 'test', ip: null, principal: principalOf(seeded.a.id) },
      fn,
    );

  beforeAll(async () => {
    scope = t.app.get(TenantScope);
    staffOfB = await t.dataSource
      .getRepository(StaffUser)
      .findOneByOrFail({ username: 'admin-1002' });
  });

  it('refuses to run at all without a signed-in principal', async () => {
    const staff = scope.repository(StaffUser);
    expect(() => staff.find()).toThrow(/No signed-in staff member/);
    await requestContext.run({ requestId: 'x', ip: null }, async () => {
      expect(() => staff.count()).toThrow(/No signed-in staff member/);
    });
  });

  it('scopes find, findBy, findOne, count, exists and OR-lists to the credit union', async () => {
    await asA(async () => {
      const staff = scope.repository(StaffUser);
      const all = await staff.find();
      expect(all.map((s) => s.username).sort()).toEqual([
        'admin-1001',
        'admin2-1001',
        'branch_staff-1001',
        'compliance-1001',
        'manager-1001',
      ]);
      expect(await staff.findBy({ role: 'admin' })).toHaveLength(2);
      expect(await staff.count()).toBe(5);
      expect(await staff.countBy({ username: 'admin-1002' })).toBe(0);
      expect(await staff.findOneBy({ id: staffOfB.id })).toBeNull();
      expect(
        await staff.findOne({ where: { username: 'admin-1002' } }),
      ).toBeNull();
      expect(await staff.existsBy({ id: staffOfB.id })).toBe(false);
      // An explicit creditUnionId in the filter cannot point elsewhere.
      expect(await staff.findBy({ creditUnionId: seeded.b.id })).toHaveLength(
        5,
      );
      expect(
        (await staff.findBy({ creditUnionId: seeded.b.id })).every(
          (s) => s.creditUnionId === seeded.a.id,
        ),
      ).toBe(true);
      expect(
        await staff.find({
          where: [{ username: 'admin-1002' }, { username: 'manager-1002' }],
        }),
      ).toEqual([]);
      expect(await scope.repository(Customer).count()).toBe(1);
    });
  });

  it('gives the principal’s own credit union row, never one left in the context for another', async () => {
    await expect(scope.creditUnion()).rejects.toThrow(
      /No signed-in staff member/,
    );
    await asA(async () => {
      expect((await scope.creditUnion()).code).toBe('1001');
      expect(requestContext.current()?.creditUnion?.id).toBe(seeded.a.id);
    });
    const rowOfB = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ id: seeded.b.id });
    await requestContext.run(
      {
        requestId: 'test',
        ip: null,
        principal: principalOf(seeded.a.id),
        creditUnion: rowOfB,
      },
      async () => {
        expect((await scope.creditUnion()).id).toBe(seeded.a.id);
      },
    );
  });

  it('answers another tenant’s id exactly like a missing one (404)', async () => {
    await asA(async () => {
      const staff = scope.repository(StaffUser);
      await expect(staff.findOrNotFound(staffOfB.id)).rejects.toMatchObject(
        NOT_FOUND,
      );
      await expect(
        staff.findOrNotFound('00000000-0000-4000-8000-000000000000'),
      ).rejects.toMatchObject(NOT_FOUND);
      const mine = await t.dataSource
        .getRepository(StaffUser)
        .findOneByOrFail({ username: 'manager-1001' });
      expect((await staff.findOrNotFound(mine.id)).username).toBe(
        'manager-1001',
      );
    });
  });

  it('keeps the tenant condition in query builders: where() becomes AND, orWhere() is refused', async () => {
    await asA(async () => {
      const qb = scope
        .repository(StaffUser)
        .createQueryBuilder('s')
        .where('s.role = :role', { role: 'admin' });
      expect((await qb.getMany()).map((s) => s.username).sort()).toEqual([
        'admin-1001',
        'admin2-1001',
      ]);
      const widened = scope.repository(StaffUser).createQueryBuilder('s');
      expect(() => widened.orWhere('1 = 1')).toThrow(TenantIsolationError);
      const grouped = await scope
        .repository(StaffUser)
        .createQueryBuilder('s')
        .andWhere(
          new Brackets((b) =>
            b
              .where('s.role = :r1', { r1: 'admin' })
              .orWhere('s.role = :r2', { r2: 'manager' }),
          ),
        )
        .getCount();
      expect(grouped).toBe(3); // admin-1001, admin2-1001, manager-1001
    });
  });

  it('writes only into the credit union: insert claims rows, update/delete miss other tenants, save refuses them', async () => {
    await asA(async () => {
      const staff = scope.repository(StaffUser);
      const now = t.clock.now();
      const row = {
        id: '11111111-1111-4111-8111-111111111111',
        username: 'scoped-insert',
        displayName: 'x',
        role: 'branch_staff' as const,
        passwordHash: 'x',
        ...NEW_STAFF_ACCOUNT,
        createdAt: now,
        updatedAt: now,
      };
      await staff.insert(row);
      expect((await staff.findOrNotFound(row.id)).creditUnionId).toBe(
        seeded.a.id,
      );
      await expect(
        staff.insert({
          ...row,
          id: '22222222-2222-4222-8222-222222222222',
          username: 'x2',
          creditUnionId: seeded.b.id,
        }),
      ).rejects.toThrow(TenantIsolationError);

      expect(await staff.update(staffOfB.id, { displayName: 'hijacked' })).toBe(
        false,
      );
      await expect(
        staff.update(row.id, { creditUnionId: seeded.b.id }),
      ).rejects.toThrow(TenantIsolationError);
      await expect(
        staff.save({ ...staffOfB, displayName: 'hijacked' }),
      ).rejects.toThrow(TenantIsolationError);
      // Even relabelled as ours, another tenant's row is not overwritten.
      await expect(
        staff.save({
          ...staffOfB,
          creditUnionId: seeded.a.id,
          displayName: 'hijacked',
        }),
      ).rejects.toThrow(TenantIsolationError);
      expect(await staff.delete(staffOfB.id)).toBe(false);
      expect(
        (
          await t.dataSource
            .getRepository(StaffUser)
            .findOneByOrFail({ id: staffOfB.id })
        ).displayName,
      ).toBe(staffOfB.displayName);

      const saved = await staff.save({
        ...(await staff.findOrNotFound(row.id)),
        displayName: 'renamed',
      });
      expect(saved.displayName).toBe('renamed');
      expect(await staff.delete(row.id)).toBe(true);
    });
  });

  it('throws on a null or undefined where value instead of returning the first row (invalidWhereValuesBehavior)', async () => {
    const raw = t.dataSource.getRepository(StaffUser);
    await expect(raw.findOneBy({ id: undefined })).rejects.toThrow(
      /undefined/i,
    );
    await expect(
      raw.findOneBy({ id: null as unknown as string }),
    ).rejects.toThrow(/null/i);
    await expect(raw.findBy({ username: undefined })).rejects.toThrow();
    await asA(async () => {
      await expect(
        scope.repository(StaffUser).findOneBy({ id: undefined }),
      ).rejects.toThrow(/undefined/i);
      await expect(
        scope
          .repository(StaffUser)
          .findOrNotFound(undefined as unknown as string),
      ).rejects.toThrow(/undefined/i);
    });
  });
});
