import { IB_USER_REMOVED_MESSAGE } from '@certdesk/domain';
import { staffByUsername } from '../../testing/staff-browser';
import { Certificate } from '../certificates/certificate.entity';
import { describeClosureWorld } from '../../testing/closure-world';

describeClosureWorld(
  '解約・削除 by hand on ご契約先 (issue 16) on $name',
  (w) => {
    it('a manager closes a customer or removes an IB user by hand with a reason: same effects, audited', async () => {
      const one = await w.customerWithCertificate('0000300011', 'hand-close');
      const two = await w.customerWithCertificate('0000300012', 'hand-remove');
      const closeId = (await w.customer('0000300011')).id;
      const removeId = (await w.ibUser('hand-remove')).id;
      const manager = await w.signedIn('manager');
      const branch = await w.signedIn('branch_staff');
      const other = await w.signedIn('manager', w.seeded.b);

      expect(
        (await branch.post(`/api/customers/${closeId}/close`, { reason: 'x' }))
          .status,
      ).toBe(403);
      expect(
        (await other.post(`/api/customers/${closeId}/close`, { reason: 'x' }))
          .status,
      ).toBe(404);
      expect(
        (await other.post(`/api/customers/${closeId}/close`, {})).status,
      ).toBe(404); // another credit union's id: 404 whatever the body
      expect(
        await manager.post(`/api/customers/${closeId}/close`, {}),
      ).toMatchObject({
        status: 400,
        body: { message: '理由を入力してください' },
      });
      const blank = await manager.post(`/api/customers/${closeId}/close`, {
        reason: '   ',
      });
      expect(blank).toMatchObject({
        status: 400,
        body: { message: '理由を入力してください' },
      });
      expect((await w.customer('0000300011')).status).toBe('active');

      const closed = await manager.post(`/api/customers/${closeId}/close`, {
        reason: '窓口で解約届を受領',
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        closedCustomers: 1,
        removedIbUsers: 1,
        revokedCertificates: 1,
      });
      expect(
        (
          await manager.post(`/api/customers/${closeId}/close`, {
            reason: '二度目',
          })
        ).status,
      ).toBe(409);
      expect(await w.customer('0000300011')).toMatchObject({
        status: 'closed',
        closureReason: '窓口で解約届を受領',
        closureSource: 'manual',
      });
      expect((await w.ib.as(one).get('/ib/me')).body.code).toBe(
        'contract_closed',
      );

      // A reissue under way for the user is cancelled by the removal.
      const reissue = await branch.post('/api/reissues', {
        ibUserId: removeId,
        reason: 'lost_device',
        identityCheck: '届出印の照合（電子証明書再発行依頼書）',
        formReceivedOn: '2026-12-01',
      });
      expect(reissue.status).toBe(201);
      const removed = await manager.post(`/api/ib-users/${removeId}/remove`, {
        reason: '退職',
      });
      expect(removed.status).toBe(200);
      expect(removed.body).toMatchObject({
        closedCustomers: 0,
        removedIbUsers: 1,
        revokedCertificates: 1,
        cancelledReissues: 1,
      });
      expect(
        (await manager.get(`/api/reissues/${reissue.body.id}`)).body.status,
      ).toBe('cancelled');
      expect((await w.ibUser('hand-remove')).reissueState).toBeNull();
      const again = await branch.post('/api/reissues', {
        ibUserId: removeId,
        reason: 'lost_device',
        identityCheck: '届出印の照合（電子証明書再発行依頼書）',
        formReceivedOn: '2026-12-01',
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('削除済み');
      const shown = await branch.get(
        `/api/customers/${(await w.customer('0000300012')).id}`,
      );
      expect(
        (
          shown.body.ibUsers as { loginId: string; statusReason: string }[]
        ).find((u) => u.loginId === 'hand-remove')?.statusReason,
      ).toContain('削除済み');
      expect(await w.audits('reissue.cancel')).toHaveLength(1);
      // 証明書検索 still finds them, marked 解約済み / 削除済み (the customer's closure first).
      const found = async (q: string) =>
        (await branch.get(`/api/certificates?q=${q}`)).body.items.map(
          (i: { ibUser: { loginId: string }; closure: string | null }) => [
            i.ibUser.loginId,
            i.closure,
          ],
        );
      expect(await found('0000300011')).toEqual([['hand-close', 'closed']]);
      expect(await found('0000300012')).toEqual([['hand-remove', 'removed']]);
      expect((await w.customer('0000300012')).status).toBe('active');
      expect(await w.ib.as(two).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'ib_user_removed', message: IB_USER_REMOVED_MESSAGE },
      });
      const managerId = (await staffByUsername(w.t, 'manager-1001')).id;
      const closeAudit = (await w.audits('customer.close')).find(
        (a) => a.targetId === closeId,
      );
      expect(closeAudit).toMatchObject({
        actorId: managerId,
        outcome: 'success',
      });
      const removeAudit = (await w.audits('ib_user.remove')).find(
        (a) => a.targetId === removeId,
      );
      expect(removeAudit).toMatchObject({ actorId: managerId });
      const crl = await w.crlText();
      for (const loginId of ['hand-close', 'hand-remove']) {
        const cert = await w.t.dataSource
          .getRepository(Certificate)
          .findOneByOrFail({
            id: (await w.ibUser(loginId)).currentCertificateId as string,
          });
        expect(crl).toContain(`Serial Number: ${cert.serialHex.toUpperCase()}`);
      }

      // レポート 解約・削除: on screen and as CSV (compliance reads it too; branch staff do not).
      const compliance = await w.signedIn('compliance');
      const report = await compliance.get('/api/reports/closures');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        closedCustomers: 1,
        removedIbUsers: 2,
      });
      expect(report.body.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'customer',
            kindLabel: '解約（ご契約先）',
            contractNumber: '0000300011',
            closedOn: '2026-12-01',
            reason: '窓口で解約届を受領',
            sourceLabel: '職員による手動操作',
          }),
          expect.objectContaining({
            kind: 'ib_user',
            loginId: 'hand-remove',
            reason: '退職',
          }),
        ]),
      );
      const csv = await compliance.get('/api/reports/closures.csv');
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('区分,解約・削除日,処理日時,契約者番号');
      expect(csv.text).toContain(
        '解約（ご契約先）,2026-12-01,2026-12-01 09:00',
      );
      expect(csv.text).toContain('窓口で解約届を受領');
      expect((await branch.get('/api/reports/closures')).status).toBe(403);
    }, 120_000);
  },
);
