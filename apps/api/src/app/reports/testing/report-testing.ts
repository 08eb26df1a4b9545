import request from 'supertest';
import type { App } from 'supertest/types';
import type { TestApp } from '../../../testing/test-app';
import type { StaffBrowser } from '../../../testing/staff-browser';
import { AuditEvent } from '../../audit/audit-event.entity';
import { parseCsv } from '../../import/csv';

export interface Download {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** GET a binary body (supertest would decode text). */
export async function download(
  t: TestApp,
  staff: StaffBrowser,
  path: string,
): Promise<Download> {
  const cookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await request(t.app.getHttpServer() as App)
    .get(path)
    .set('Cookie', cookie)
    .set('X-Forwarded-For', staff.ip)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return {
    status: res.status,
    headers: res.headers as Record<string, string>,
    body: res.body as Buffer,
  };
}

/** A UTF-8 export (after its BOM) read back with the import's RFC 4180 reader: header row first. */
export function csvRows(body: Buffer): string[][] {
  if (!body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])))
    throw new Error('the export has no UTF-8 BOM');
  const records = parseCsv(body.subarray(3).toString('utf8')).filter((r) =>
    r.fields.some((f) => f !== ''),
  );
  const bad = records.find((r) => r.error);
  if (bad) throw new Error(`CSV line ${bad.line}: ${bad.error}`);
  return records.map((r) => r.fields);
}

/** Details of a credit union's latest `report.export` audit event of a report. */
export async function lastExport(
  t: TestApp,
  creditUnionId: string,
  report: string,
): Promise<Record<string, unknown>> {
  const events = await t.dataSource.getRepository(AuditEvent).find({
    where: { chain: creditUnionId, action: 'report.export', targetId: report },
    order: { seq: 'DESC' },
    take: 1,
  });
  if (events.length === 0)
    throw new Error(`no export of ${report} was audited`);
  return JSON.parse(events[0].details) as Record<string, unknown>;
}
