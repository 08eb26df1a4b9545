import { randomUUID } from 'node:crypto';
import { Openssl } from '@certdesk/pki/testing';
import {
  DEFAULT_TEMPLATES,
  SAMPLE_RENDER_LIMIT_MS,
} from '@certdesk/notice-templates';
import { IbClient } from '../../../testing/ib-client';
import { customerWithCertificate } from '../../../testing/ib-customer';
import { StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { NoticeTemplate } from './notice-template.entity';
import { NoticeTemplateStore } from './notice-template.repository';

const KIND = 'important_notice_renewal';
/** ~980,000 loop turns: about a second of a blocked event loop per render before the limit was lowered. */
const SLOW_BODY =
  '{% for i in (1..990) %}{% for j in (1..990) %}{% endfor %}{% endfor %}{{ renewalLink }}';

describeSeededApp(
  'a slow notice template on $name',
  { ibChannel: true },
  ({ t, seeded }) => {
    let ib: IbClient;
    const openssl = new Openssl();
    const templates = () => t.dataSource.getRepository(NoticeTemplate).count();

    beforeAll(() => {
      ib = new IbClient(t);
    });
    afterAll(() => openssl.close());

    it('cannot be saved, let alone published: 400 saying how long the sample render took; nothing stored', async () => {
      const manager = StaffBrowser.of(t);
      await manager.login(seeded.username('manager', seeded.a));
      await manager.get(`/api/notice-templates/${KIND}`); // the shipped versions exist
      const before = await templates();
      const res = await manager.send(
        'put',
        `/api/notice-templates/${KIND}/draft`,
        { subject: '重要なお知らせ', body: SLOW_BODY.replace('990', '300') },
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(
        new RegExp(
          `^テンプレートを保存できません: サンプルデータでの差し込みに\\d+ミリ秒(以上)?かかりました（上限 ${SAMPLE_RENDER_LIMIT_MS} ミリ秒）`,
        ),
      );
      expect(res.body.details).toEqual([
        { field: 'body', reason: expect.stringContaining('繰り返し（for）') },
      ]);
      expect(await templates()).toBe(before);
    });

    it('published before these checks, it is cut off at the render limit: /ib/notices answers with the shipped wording', async () => {
      const customer = await customerWithCertificate(t, ib, openssl, seeded.a); // expires 2027-12-01
      await t.app.get(NoticeTemplateStore).ensureDefaults(seeded.a.id);
      const now = t.clock.now();
      await t.dataSource.getRepository(NoticeTemplate).insert({
        id: randomUUID(),
        creditUnionId: seeded.a.id,
        kind: KIND,
        version: 2,
        status: 'published',
        subject: '遅いお知らせ',
        body: SLOW_BODY,
        createdAt: now,
        createdBy: 'manager-1001',
        updatedAt: now,
        publishedAt: now,
        publishedBy: 'manager-1001',
      });
      t.clock.set(new Date('2027-11-20T09:00:00+09:00')); // renewal_due
      const started = performance.now();
      const res = await ib.as(customer).get('/ib/notices');
      console.log(
        `/ib/notices with a ~1 s template answered in ${Math.round(performance.now() - started)} ms`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0].title).toBe(DEFAULT_TEMPLATES[KIND].subject);
      expect(res.body[0].html).toContain('電子証明書の更新はこちら');
    });
  },
);
