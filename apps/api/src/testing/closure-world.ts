import request from 'supertest';
import type { App } from 'supertest/types';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient, IbIdentity } from './ib-client';
import { withPins } from './pki';
import { SeededTenants, StaffBrowser, startSeededApp } from './staff-browser';
import type { TestApp } from './test-app';
import { TestDatabase, testDatabases } from './test-database';
import { AuditEvent } from '../app/audit/audit-event.entity';
import { Branch } from '../app/credit-unions/branch.entity';
import { CreditUnion } from '../app/credit-unions/credit-union.entity';
import { Customer } from '../app/customers/customer.entity';
import { IbUser } from '../app/customers/ib-user.entity';
import { CustomerImportService } from '../app/import/customer-import.service';
import { CsvLine, csvLine, csvText } from '../app/import/import-fixtures';
import { SmtpSink } from '../app/notices/testing/smtp-sink';

export const PIN = '2468';
export const CONFIRMATION = '13579';
export const START = new Date('2026-12-01T09:00:00+09:00');

/**
 * `describe.each(testDatabases())(title, …)` around a {@link ClosureWorld} opened with `env`
 * before the body's hooks and closed after the body's tests.
 */
export function describeClosureWorld(
  title: string,
  env: Record<string, string>,
  body: (w: ClosureWorld) => void,
): void;
export function describeClosureWorld(
  title: string,
  body: (w: ClosureWorld) => void,
): void;
export function describeClosureWorld(
  title: string,
  ...args:
    | [Record<string, string>, (w: ClosureWorld) => void]
    | [(w: ClosureWorld) => void]
): void {
  const [env, body] = args.length === 2 ? args : [{}, args[0]];
  describe.each(testDatabases())(title, (db) => {
    const w = new ClosureWorld();
    beforeAll(() => w.open(db, env), 120_000);
    afterAll(() => w.close());
    body(w);
  });
}

/**
 * The 解約・削除 tests' world: the app with the IB listener and an SMTP sink, two seeded credit
 * unions, customers imported and given real certificates, credit union 1001's full extract, and
 * its CRL as `openssl crl -text` prints it.
 */
export class ClosureWorld {
  t!: TestApp;
  seeded!: SeededTenants;
  ib!: IbClient;
  readonly smtp = new SmtpSink();
  readonly openssl = new Openssl();

  async open(
    db: TestDatabase,
    env: Record<string, string> = {},
  ): Promise<void> {
    ({ t: this.t, seeded: this.seeded } = await startSeededApp(db, {
      now: START.toISOString(),
      ibChannel: true,
      ibPortal: true,
      env: { SMTP_URL: await this.smtp.start(), ...env },
    }));
    this.ib = new IbClient(this.t);
  }

  async close(): Promise<void> {
    this.openssl.close();
    await this.t?.close();
    await this.smtp.stop();
  }

  get a(): CreditUnion {
    return this.seeded.a;
  }

  /** The app's import service (ImportModule, mounted by the import runs module). */
  importer(): CustomerImportService {
    return this.t.app.get(CustomerImportService, { strict: false });
  }

  audits(action: string): Promise<AuditEvent[]> {
    return this.t.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action } });
  }

  customer(contractNumber: string): Promise<Customer> {
    return this.t.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ creditUnionId: this.a.id, contractNumber });
  }

  ibUser(loginId: string): Promise<IbUser> {
    return this.t.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ creditUnionId: this.a.id, loginId });
  }

  signedIn(role: string, cu = this.a): Promise<StaffBrowser> {
    return StaffBrowser.signedIn(this.t, `${role}-${cu.code}`);
  }

  /** A customer of credit union 1001 with one administrator (by import), who acquires a certificate. */
  async customerWithCertificate(
    contractNumber: string,
    loginId: string,
  ): Promise<IbIdentity> {
    const line = csvLine({
      credit_union_code: this.a.code,
      contract_number: contractNumber,
      company_name: `株式会社テスト${contractNumber}`,
      company_name_kana: 'ｶ)ﾃｽﾄ',
      contact_email: '',
      ib_login_id: loginId,
      ib_user_email: `${loginId}@example.jp`,
      cert_serial: '',
      cert_expiry_date: '',
    });
    const imported = await this.importer().importFile(
      Buffer.from(csvText([line])),
    );
    expect(imported.ok).toBe(true);
    await withPins(this.t, await this.ibUser(loginId), PIN, CONFIRMATION);
    const { keyPem, csrPem } = this.openssl.newKeyRequest(2048);
    const res = await this.acquire(loginId, csrPem);
    expect(res.status).toBe(201);
    return { keyPem, certPem: res.body.certificatePem };
  }

  acquire(loginId: string, csrPem: string) {
    return this.ib.post('/ib/acquisitions', {
      creditUnionCode: this.a.code,
      loginId,
      pin: PIN,
      confirmationPin: CONFIRMATION,
      csr: csrPem,
    });
  }

  /** Credit union 1001's full extract as the core system would send it, without `absent` contracts. */
  async fullFile(absent: string[] = []): Promise<Buffer> {
    const repo = <T extends object>(e: new () => T) =>
      this.t.dataSource.getRepository(e);
    const branches = new Map(
      (await repo(Branch).findBy({ creditUnionId: this.a.id })).map((b) => [
        b.id,
        b.code,
      ]),
    );
    const customers = await repo(Customer).findBy({
      creditUnionId: this.a.id,
      status: 'active',
    });
    const lines: CsvLine[] = [];
    for (const c of customers.filter((c) => !absent.includes(c.contractNumber)))
      for (const u of await repo(IbUser).findBy({
        customerId: c.id,
        status: 'active',
      }))
        lines.push({
          credit_union_code: this.a.code,
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

  /** Credit union 1001's CRL as `openssl crl -text` prints it, verified against its CA. */
  async crlText(): Promise<string> {
    const http = () => request(this.t.app.getHttpServer() as App);
    const crl = await http()
      .get(`/ib/crl/${this.a.code}.crl`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const ca = (await http().get(`/ib/ca/${this.a.code}.pem`)).text;
    const listed = this.openssl.crl(crl.body as Buffer, ca);
    expect(listed.stderr + listed.stdout).toContain('verify OK');
    return listed.stdout;
  }
}
