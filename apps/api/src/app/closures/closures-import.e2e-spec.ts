import { ERROR_MESSAGES } from '@certdesk/contracts';
import { IB_CONTRACT_CLOSED_MESSAGE } from '@certdesk/domain';
import { staffByUsername } from '../../testing/staff-browser';
import { Certificate } from '../certificates/certificate.entity';
import { Customer } from '../customers/customer.entity';
import { csvLine, csvText } from '../import/import-fixtures';
import { NoticeJobs } from '../notices/dispatch/notice-jobs';
import { NoticeOutbox } from '../notices/dispatch/notice-outbox.entity';
import { SmtpSink } from '../notices/testing/smtp-sink';
import { RemovalRequest } from './removal-request.entity';
import { describeClosureWorld, START } from '../../testing/closure-world';

const DAY = 86_400_000;

describeClosureWorld(
  '解約・削除 by full-file import (issue 16) on $name',
  (w) => {
    it('a full file without one customer: listed by the dry run, held above 5 % until another person approves; then its certificate is on the CRL, /ib/me and acquisition are refused and no notice goes out', async () => {
      const gone = await w.customerWithCertificate('0000300001', 'gone-admin');
      const kept = await w.customerWithCertificate('0000300002', 'kept-admin');
      const manager = await staffByUsername(w.t, `manager-${w.a.code}`);
      const asManager = {
        type: 'staff' as const,
        id: manager.id,
        name: manager.displayName,
      };
      const file = await w.fullFile(['0000300001']);

      // Dry run: the customer and its IB user are listed as removed; nothing changes.
      const dry = await w
        .importer()
        .importFile(file, { dryRun: true, full: true });
      expect(dry.ok).toBe(true);
      const planned = dry.removals?.creditUnions[0];
      expect(planned).toMatchObject({
        creditUnionCode: w.a.code,
        closedCustomers: 1,
        removedIbUsers: 1,
        thresholdPercent: 5,
        needsApproval: true,
        customers: [
          {
            contractNumber: '0000300001',
            companyName: '株式会社テスト0000300001',
          },
        ],
        ibUsers: [{ contractNumber: '0000300001', loginId: 'gone-admin' }],
      });
      expect(planned?.outcome).toBeUndefined();
      expect((await w.customer('0000300001')).status).toBe('active');

      // Applied by the manager: above the threshold, so held; the customer still logs on.
      const applied = await w.importer().importFile(file, {
        full: true,
        actor: asManager,
        file: { name: 'full-1001.csv', sha256: 'ab'.repeat(32) },
      });
      const held = applied.removals?.creditUnions[0];
      expect(held).toMatchObject({ outcome: 'held', needsApproval: true });
      const requestId = held?.removalRequestId as string;
      expect((await w.customer('0000300001')).status).toBe('active');
      expect((await w.ib.as(gone).get('/ib/me')).status).toBe(200);
      expect(await w.audits('removal.request')).toHaveLength(1);

      // The same manager may not approve; another manager or admin may.
      const sameManager = await w.signedIn('manager');
      const own = await sameManager.post(
        `/api/removal-requests/${requestId}/approve`,
        {},
      );
      expect(own.status).toBe(403);
      expect(own.body.message).toBe(ERROR_MESSAGES.own_removal_request);
      expect(
        (await w.audits('removal.approve')).map((a) => [a.outcome, a.actorId]),
      ).toEqual([['denied', manager.id]]);
      expect((await w.customer('0000300001')).status).toBe('active');
      const branch = await w.signedIn('branch_staff');
      expect(
        (await branch.post(`/api/removal-requests/${requestId}/approve`, {}))
          .status,
      ).toBe(403);
      const otherTenant = await w.signedIn('admin', w.seeded.b);
      expect(
        (
          await otherTenant.post(
            `/api/removal-requests/${requestId}/approve`,
            {},
          )
        ).status,
      ).toBe(404);

      expect(
        (await branch.post(`/api/removal-requests/${requestId}/cancel`)).status,
      ).toBe(403);
      const admin = await w.signedIn('admin');
      expect(
        (await admin.post(`/api/removal-requests/${requestId}/cancel`)).status,
      ).toBe(403); // only the importer withdraws
      const approved = await admin.post(
        `/api/removal-requests/${requestId}/approve`,
        { comment: '解約届を確認済み' },
      );
      expect(approved.status).toBe(200);
      expect(approved.body).toEqual({
        closedCustomers: 1,
        removedIbUsers: 1,
        revokedCertificates: 1,
        cancelledReissues: 0,
      });
      expect(
        (await admin.post(`/api/removal-requests/${requestId}/approve`, {}))
          .status,
      ).toBe(409);
      expect(
        await w.t.dataSource
          .getRepository(RemovalRequest)
          .findOneByOrFail({ id: requestId }),
      ).toMatchObject({
        status: 'approved',
        decidedByName: expect.any(String),
      });

      // Closed with the date, removed, revoked as cessationOfOperation.
      expect(await w.customer('0000300001')).toMatchObject({
        status: 'closed',
        closedOn: '2026-12-01',
        closureSource: 'import',
      });
      const goneUser = await w.ibUser('gone-admin');
      expect(goneUser).toMatchObject({
        status: 'removed',
        removedOn: '2026-12-01',
        currentRevoked: true,
      });
      const goneCert = await w.t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ id: goneUser.currentCertificateId as string });
      expect(goneCert.revocationReason).toBe('cessationOfOperation');
      const crl = await w.crlText();
      expect(crl).toMatch(
        new RegExp(
          `Serial Number: ${goneCert.serialHex.toUpperCase()}\\s+Revocation Date: [^\\n]+\\n\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Cessation Of Operation`,
        ),
      );
      const keptCert = await w.t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({
          id: (await w.ibUser('kept-admin')).currentCertificateId as string,
        });
      expect(crl).not.toContain(
        `Serial Number: ${keptCert.serialHex.toUpperCase()}`,
      );
      for (const action of ['customer.close', 'ib_user.remove'])
        expect(
          (await w.audits(action)).map((a) => [a.outcome, a.actorId]),
        ).toEqual([['success', (await staffByUsername(w.t, 'admin-1001')).id]]);

      // The IB channel refuses it with a clear reason; the other customer goes on.
      expect(await w.ib.as(gone).get('/ib/me')).toMatchObject({
        status: 403,
        body: { code: 'contract_closed', message: IB_CONTRACT_CLOSED_MESSAGE },
      });
      expect((await w.ib.as(kept).get('/ib/me')).status).toBe(200);
      const again = await w.acquire(
        'gone-admin',
        w.openssl.newKeyRequest(2048).csrPem,
      );
      expect(again).toMatchObject({
        status: 403,
        body: { code: 'contract_closed' },
      });

      // Still found, with its status and history.
      const detail = await admin.get(`/api/customers/${goneUser.customerId}`);
      expect(detail.status).toBe(403); // admin has no certificates.read
      const viewed = await (
        await w.signedIn('branch_staff')
      ).get(`/api/customers/${goneUser.customerId}`);
      expect(viewed.status).toBe(200);
      expect(viewed.body.closure).toMatchObject({
        status: 'closed',
        label: '解約済み',
        on: '2026-12-01',
        source: 'import',
      });
      expect(viewed.body.ibUsers[0].closure).toMatchObject({
        label: '削除済み',
      });
      expect(viewed.body.ibUsers[0].history).toHaveLength(1);

      // A later file naming the closed customer is refused line by line.
      const back = await w.importer().importFile(
        Buffer.from(
          csvText([
            csvLine({
              credit_union_code: w.a.code,
              contract_number: '0000300001',
              ib_login_id: 'gone-admin',
              cert_serial: '',
              cert_expiry_date: '',
            }),
          ]),
        ),
      );
      expect(back.ok).toBe(false);
      expect(back.errors[0].message).toContain('解約済み');

      // 30 days before expiry: the kept customer gets its notice, the closed one nothing.
      w.t.clock.set(new Date(START.getTime() + 335 * DAY));
      w.smtp.take();
      const runner = await w.signedIn('manager');
      const run = await runner.post('/api/notice-runs');
      expect(run.status).toBe(202);
      await w.t.app.get(NoticeJobs).idle();
      const to: string[] = [];
      for (let i = 0; i < 100 && !to.includes('kept-admin@example.jp'); i++) {
        to.push(...SmtpSink.recipients(w.smtp.take()));
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(to).toContain('kept-admin@example.jp');
      expect(to).not.toContain('gone-admin@example.jp');
      expect(
        await w.t.dataSource
          .getRepository(NoticeOutbox)
          .countBy({ ibUserId: goneUser.id }),
      ).toBe(0);
      w.t.clock.set(START);
    }, 180_000);

    it('a truncated file is held and, once rejected, changes nothing', async () => {
      const before = await w.t.dataSource
        .getRepository(Customer)
        .countBy({ creditUnionId: w.a.id, status: 'active' });
      const all = (await w.fullFile()).toString('utf8').split('\n');
      const truncated = Buffer.from(all.slice(0, 2).join('\n') + '\n'); // header and one line
      const result = await w.importer().importFile(truncated, { full: true });
      const held = result.removals?.creditUnions[0];
      expect(held?.outcome).toBe('held');
      expect(held?.closedCustomers).toBe(before - 1);
      // Run by the CLI (no person): any manager may decide; the importer-check has no one to refuse.
      const manager = await w.signedIn('manager');
      const list = await manager.get('/api/removal-requests');
      expect(
        (list.body as { id: string }[]).find(
          (r) => r.id === held?.removalRequestId,
        ),
      ).toMatchObject({
        id: held?.removalRequestId,
        status: 'pending',
        requestedBy: { id: null, name: 'import CLI' },
      });
      // One pending request per credit union: a second full file waits until it is decided.
      const second = await w.importer().importFile(truncated, { full: true });
      expect(second.ok).toBe(false);
      expect(second.errors[0].message).toContain('承認待ちの削除・解約');
      expect(
        (
          await manager.post(
            `/api/removal-requests/${held?.removalRequestId}/reject`,
            { comment: '抽出漏れ' },
          )
        ).status,
      ).toBe(204);
      expect(
        await w.t.dataSource
          .getRepository(Customer)
          .countBy({ creditUnionId: w.a.id, status: 'active' }),
      ).toBe(before);

      // Run again by the manager, who withdraws it: cancelled, nothing closed.
      const me = await staffByUsername(w.t, `manager-${w.a.code}`);
      const again = await w.importer().importFile(truncated, {
        full: true,
        actor: { type: 'staff', id: me.id, name: me.displayName },
      });
      const id = again.removals?.creditUnions[0].removalRequestId as string;
      expect(
        (await manager.post(`/api/removal-requests/${id}/cancel`)).status,
      ).toBe(204);
      expect(
        (await manager.get(`/api/removal-requests/${id}`)).body,
      ).toMatchObject({ status: 'cancelled', statusLabel: '取消' });
      expect(
        (await manager.post(`/api/removal-requests/${id}/approve`, {})).status,
      ).toBe(403); // own import
      expect(
        await w.t.dataSource
          .getRepository(Customer)
          .countBy({ creditUnionId: w.a.id, status: 'active' }),
      ).toBe(before);
    }, 120_000);
  },
);
