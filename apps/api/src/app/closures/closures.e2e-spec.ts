import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  IB_CONTRACT_CLOSED_MESSAGE,
  IB_USER_REMOVED_MESSAGE,
  OWN_REMOVAL_REQUEST_MESSAGE,
} from '@certdesk/domain';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient, IbIdentity } from '../../testing/ib-client';
import { withPins } from '../../testing/pki';
import {
  SeededTenants,
  seedTwoCreditUnions,
  StaffBrowser,
  staffByUsername,
} from '../../testing/staff-browser';
import { createTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { CustomerImportService } from '../import/customer-import.service';
import { CsvLine, csvLine, csvText } from '../import/import-fixtures';
import { ImportRemovalsService } from '../import/import-removals';
import { NoticeJobs } from '../notices/dispatch/notice-jobs';
import { NoticeOutbox } from '../notices/dispatch/notice-outbox.entity';
import { SmtpSink } from '../notices/testing/smtp-sink';
import { ClosureRepository } from './closure.repository';
import { ClosureService } from './closure.service';
import { RemovalRequest } from './removal-request.entity';

const PIN = '2468';
const CONFIRMATION = '13579';
const DAY = 86_400_000;

describe.each(testDatabases())('解約・削除 (issue 16) on $name', (db) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let seeded: SeededTenants;
  let ib: IbClient;
  const smtp = new SmtpSink();
  const openssl = new Openssl();
  const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-closures-'));
  const portalDir = join(dataDir, 'portal');
  const start = new Date('2026-12-01T09:00:00+09:00');
  const http = () => request(t.app.getHttpServer() as App);

  let service: CustomerImportService | undefined;
  /** The import service of the app (ImportModule), or one built on the app's own services while it is not mounted. */
  const importer = (): CustomerImportService => {
    if (!service) {
      try {
        service = t.app.get(CustomerImportService, { strict: false });
      } catch {
        service = new CustomerImportService(
          t.dataSource,
          t.clock,
          t.app.get(AuditService),
          new ImportRemovalsService(
            t.app.get(ClosureRepository),
            t.app.get(ClosureService),
            t.clock,
          ),
          t.config,
        );
      }
    }
    return service as CustomerImportService;
  };
  const audits = (action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { action } });
  const customer = (contractNumber: string) =>
    t.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ creditUnionId: seeded.a.id, contractNumber });
  const ibUser = (loginId: string) =>
    t.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ creditUnionId: seeded.a.id, loginId });

  async function signedIn(role: string, cu = seeded.a): Promise<StaffBrowser> {
    const browser = StaffBrowser.of(t);
    expect((await browser.login(`${role}-${cu.code}`)).status).toBe(200);
    return browser;
  }

  /** A customer of credit union 1001 with one administrator (by import), who acquires a certificate. */
  async function customerWithCertificate(
    contractNumber: string,
    loginId: string,
  ): Promise<IbIdentity> {
    const line = csvLine({
      credit_union_code: seeded.a.code,
      contract_number: contractNumber,
      company_name: `株式会社テスト${contractNumber}`,
      company_name_kana: 'ｶ)ﾃｽﾄ',
      contact_email: '',
      ib_login_id: loginId,
      ib_user_email: `${loginId}@example.jp`,
      cert_serial: '',
      cert_expiry_date: '',
    });
    expect((await importer().importFile(Buffer.from(csvText([line])))).ok).toBe(
      true,
    );
    await withPins(t, await ibUser(loginId), PIN, CONFIRMATION);
    const { keyPem, csrPem } = openssl.newKeyRequest(2048);
    const res = await ib.post('/ib/acquisitions', {
      creditUnionCode: seeded.a.code,
      loginId,
      pin: PIN,
      confirmationPin: CONFIRMATION,
      csr: csrPem,
    });
    expect(res.status).toBe(201);
    return { keyPem, certPem: res.body.certificatePem };
  }

  /** Credit union 1001's full extract as the core system would send it, without `absent` contracts. */
  async function fullFile(absent: string[] = []): Promise<Buffer> {
    const cu = seeded.a;
    const branches = new Map(
      (
        await t.dataSource
          .getRepository(Branch)
          .findBy({ creditUnionId: cu.id })
      ).map((b) => [b.id, b.code]),
    );
    const customers = await t.dataSource
      .getRepository(Customer)
      .findBy({ creditUnionId: cu.id, status: 'active' });
    const lines: CsvLine[] = [];
    for (const c of customers.filter((c) => !absent.includes(c.contractNumber)))
      for (const u of await t.dataSource
        .getRepository(IbUser)
        .findBy({ customerId: c.id, status: 'active' }))
        lines.push({
          credit_union_code: cu.code,
          branch_code: branches.get(c.branchId) as string,
          contract_number: c.contractNumber,
          company_name: c.companyName,
          company_name_kana: c.companyNameKana,
          contact_email: c.contactEmail ?? '',
          ib_login_id: u.loginId,
          ib_role: u.ibRole,
          ib_user_name: u.name,
          ib_user_email: u.email ?? '',
          cert_serial: '',
          cert_not_before: '',
          cert_expiry_date: '',
        });
    return Buffer.from(csvText(lines));
  }

  async function crlText(): Promise<string> {
    const crl = await http()
      .get(`/ib/crl/${seeded.a.code}.crl`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const ca = (await http().get(`/ib/ca/${seeded.a.code}.pem`)).text;
    const listed = openssl.crl(crl.body as Buffer, ca);
    expect(listed.stderr + listed.stdout).toContain('verify OK');
    return listed.stdout;
  }

  beforeAll(async () => {
    const created = await db.create();
    drop = created.drop;
    mkdirSync(portalDir, { recursive: true });
    writeFileSync(
      join(portalDir, 'index.html'),
      '<!doctype html><title>IB</title>',
    );
    t = await createTestApp(created.config, {
      env: {
        IB_TLS_PORT: '0',
        DATA_DIR: dataDir,
        IB_PORTAL_DIR: portalDir,
        SMTP_URL: await smtp.start(),
      },
    });
    t.clock.set(start);
    seeded = await seedTwoCreditUnions(t);
    ib = new IbClient(t);
  }, 120_000);
  afterAll(async () => {
    openssl.close();
    await t?.close();
    await drop?.();
    await smtp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a full file without one customer: listed by the dry run, held above 5 % until another person approves; then its certificate is on the CRL, /ib/me and acquisition are refused and no notice goes out', async () => {
    const gone = await customerWithCertificate('0000300001', 'gone-admin');
    const kept = await customerWithCertificate('0000300002', 'kept-admin');
    const manager = await staffByUsername(t, `manager-${seeded.a.code}`);
    const asManager = {
      type: 'staff' as const,
      id: manager.id,
      name: manager.displayName,
    };
    const file = await fullFile(['0000300001']);

    // Dry run: the customer and its IB user are listed as removed; nothing changes.
    const dry = await importer().importFile(file, { dryRun: true, full: true });
    expect(dry.ok).toBe(true);
    const planned = dry.removals?.creditUnions[0];
    expect(planned).toMatchObject({
      creditUnionCode: seeded.a.code,
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
    expect((await customer('0000300001')).status).toBe('active');

    // Applied by the manager: above the threshold, so held; the customer still logs on.
    const applied = await importer().importFile(file, {
      full: true,
      actor: asManager,
      file: { name: 'full-1001.csv', sha256: 'ab'.repeat(32) },
    });
    const held = applied.removals?.creditUnions[0];
    expect(held).toMatchObject({ outcome: 'held', needsApproval: true });
    const requestId = held?.removalRequestId as string;
    expect((await customer('0000300001')).status).toBe('active');
    expect((await ib.as(gone).get('/ib/me')).status).toBe(200);
    expect(await audits('removal.request')).toHaveLength(1);

    // The same manager may not approve; another manager or admin may.
    const sameManager = await signedIn('manager');
    const own = await sameManager.post(
      `/api/removal-requests/${requestId}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    expect(own.body.message).toBe(OWN_REMOVAL_REQUEST_MESSAGE);
    expect(
      (await audits('removal.approve')).map((a) => [a.outcome, a.actorId]),
    ).toEqual([['denied', manager.id]]);
    expect((await customer('0000300001')).status).toBe('active');
    const branch = await signedIn('branch_staff');
    expect(
      (await branch.post(`/api/removal-requests/${requestId}/approve`, {}))
        .status,
    ).toBe(403);
    const otherTenant = await signedIn('admin', seeded.b);
    expect(
      (await otherTenant.post(`/api/removal-requests/${requestId}/approve`, {}))
        .status,
    ).toBe(404);

    const admin = await signedIn('admin');
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
      await t.dataSource
        .getRepository(RemovalRequest)
        .findOneByOrFail({ id: requestId }),
    ).toMatchObject({ status: 'approved', decidedByName: expect.any(String) });

    // Closed with the date, removed, revoked as cessationOfOperation.
    expect(await customer('0000300001')).toMatchObject({
      status: 'closed',
      closedOn: '2026-12-01',
      closureSource: 'import',
    });
    const goneUser = await ibUser('gone-admin');
    expect(goneUser).toMatchObject({
      status: 'removed',
      removedOn: '2026-12-01',
      currentRevoked: true,
    });
    const goneCert = await t.dataSource
      .getRepository(Certificate)
      .findOneByOrFail({ id: goneUser.currentCertificateId as string });
    expect(goneCert.revocationReason).toBe('cessationOfOperation');
    const crl = await crlText();
    expect(crl).toMatch(
      new RegExp(
        `Serial Number: ${goneCert.serialHex.toUpperCase()}\\s+Revocation Date: [^\\n]+\\n\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Cessation Of Operation`,
      ),
    );
    const keptCert = await t.dataSource
      .getRepository(Certificate)
      .findOneByOrFail({
        id: (await ibUser('kept-admin')).currentCertificateId as string,
      });
    expect(crl).not.toContain(
      `Serial Number: ${keptCert.serialHex.toUpperCase()}`,
    );
    for (const action of ['customer.close', 'ib_user.remove'])
      expect((await audits(action)).map((a) => [a.outcome, a.actorId])).toEqual(
        [['success', (await staffByUsername(t, 'admin-1001')).id]],
      );

    // The IB channel refuses it with a clear reason; the other customer goes on.
    expect(await ib.as(gone).get('/ib/me')).toMatchObject({
      status: 403,
      body: { code: 'contract_closed', message: IB_CONTRACT_CLOSED_MESSAGE },
    });
    expect((await ib.as(kept).get('/ib/me')).status).toBe(200);
    const again = await ib.post('/ib/acquisitions', {
      creditUnionCode: seeded.a.code,
      loginId: 'gone-admin',
      pin: PIN,
      confirmationPin: CONFIRMATION,
      csr: openssl.newKeyRequest(2048).csrPem,
    });
    expect(again).toMatchObject({
      status: 403,
      body: { code: 'contract_closed' },
    });

    // Still found, with its status and history.
    const detail = await admin.get(`/api/customers/${goneUser.customerId}`);
    expect(detail.status).toBe(403); // admin has no certificates.read
    const viewed = await (
      await signedIn('branch_staff')
    ).get(`/api/customers/${goneUser.customerId}`);
    expect(viewed.status).toBe(200);
    expect(viewed.body.closure).toMatchObject({
      status: 'closed',
      label: '解約済み',
      on: '2026-12-01',
      source: 'import',
    });
    expect(viewed.body.ibUsers[0].closure).toMatchObject({ label: '削除済み' });
    expect(viewed.body.ibUsers[0].history).toHaveLength(1);

    // A later file naming the closed customer is refused line by line.
    const back = await importer().importFile(
      Buffer.from(
        csvText([
          csvLine({
            credit_union_code: seeded.a.code,
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
    t.clock.set(new Date(start.getTime() + 335 * DAY));
    smtp.take();
    const runner = await signedIn('manager');
    const run = await runner.post('/api/notice-runs');
    expect(run.status).toBe(202);
    await t.app.get(NoticeJobs).idle();
    const to: string[] = [];
    for (let i = 0; i < 100 && !to.includes('kept-admin@example.jp'); i++) {
      to.push(...SmtpSink.recipients(smtp.take()));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(to).toContain('kept-admin@example.jp');
    expect(to).not.toContain('gone-admin@example.jp');
    expect(
      await t.dataSource
        .getRepository(NoticeOutbox)
        .countBy({ ibUserId: goneUser.id }),
    ).toBe(0);
    t.clock.set(start);
  }, 180_000);

  it('a truncated file is held and, once rejected, changes nothing', async () => {
    const before = await t.dataSource
      .getRepository(Customer)
      .countBy({ creditUnionId: seeded.a.id, status: 'active' });
    const all = (await fullFile()).toString('utf8').split('\n');
    const truncated = Buffer.from(all.slice(0, 2).join('\n') + '\n'); // header and one line
    const result = await importer().importFile(truncated, { full: true });
    const held = result.removals?.creditUnions[0];
    expect(held?.outcome).toBe('held');
    expect(held?.closedCustomers).toBe(before - 1);
    // Run by the CLI (no person): any manager may decide; the importer-check has no one to refuse.
    const manager = await signedIn('manager');
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
    const second = await importer().importFile(truncated, { full: true });
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
      await t.dataSource
        .getRepository(Customer)
        .countBy({ creditUnionId: seeded.a.id, status: 'active' }),
    ).toBe(before);
  }, 120_000);

  it('a manager closes a customer or removes an IB user by hand with a reason: same effects, audited', async () => {
    const one = await customerWithCertificate('0000300011', 'hand-close');
    const two = await customerWithCertificate('0000300012', 'hand-remove');
    const closeId = (await customer('0000300011')).id;
    const removeId = (await ibUser('hand-remove')).id;
    const manager = await signedIn('manager');
    const branch = await signedIn('branch_staff');
    const other = await signedIn('manager', seeded.b);

    expect(
      (await branch.post(`/api/customers/${closeId}/close`, { reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await other.post(`/api/customers/${closeId}/close`, { reason: 'x' }))
        .status,
    ).toBe(404);
    const blank = await manager.post(`/api/customers/${closeId}/close`, {
      reason: '   ',
    });
    expect(blank).toMatchObject({
      status: 400,
      body: { message: '理由を入力してください' },
    });
    expect((await customer('0000300011')).status).toBe('active');

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
    expect(await customer('0000300011')).toMatchObject({
      status: 'closed',
      closureReason: '窓口で解約届を受領',
      closureSource: 'manual',
    });
    expect((await ib.as(one).get('/ib/me')).body.code).toBe('contract_closed');

    const removed = await manager.post(`/api/ib-users/${removeId}/remove`, {
      reason: '退職',
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      closedCustomers: 0,
      removedIbUsers: 1,
      revokedCertificates: 1,
    });
    expect((await customer('0000300012')).status).toBe('active');
    expect(await ib.as(two).get('/ib/me')).toMatchObject({
      status: 403,
      body: { code: 'ib_user_removed', message: IB_USER_REMOVED_MESSAGE },
    });
    const managerId = (await staffByUsername(t, 'manager-1001')).id;
    const closeAudit = (await audits('customer.close')).find(
      (a) => a.targetId === closeId,
    );
    expect(closeAudit).toMatchObject({
      actorId: managerId,
      outcome: 'success',
    });
    const removeAudit = (await audits('ib_user.remove')).find(
      (a) => a.targetId === removeId,
    );
    expect(removeAudit).toMatchObject({ actorId: managerId });
    const crl = await crlText();
    for (const loginId of ['hand-close', 'hand-remove']) {
      const cert = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({
          id: (await ibUser(loginId)).currentCertificateId as string,
        });
      expect(crl).toContain(`Serial Number: ${cert.serialHex.toUpperCase()}`);
    }
  }, 120_000);
});
