import type {
  Mailbox,
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplatePreview,
} from '@certdesk/contracts';
import {
  addDays,
  IB_RENEWAL_PATH,
  RENEWAL_NOTICE_TITLE,
  StaffRole,
} from '@certdesk/domain';
import { describeSeededApp } from '../../../testing/describe-app';
import { AuditEvent } from '../../audit/audit-event.entity';
import { NoticeJobs } from '../dispatch/notice-jobs';
import {
  addIbUser,
  quietAllUsers,
  saveTemplateDraft,
} from '../testing/notice-fixtures';
import { ImportantNoticeService } from './important-notice.service';
import { NoticeTemplate } from './notice-template.entity';

const KIND = '/api/notice-templates/renewal_reminder';

// No SMTP_URL: the app sends to its in-process SMTP server and mailbox.
describeSeededApp('notice templates over HTTP on $name', ({ t, seeded }) => {
  const as = (role: StaffRole, cu?: 'a' | 'b') => seeded.as(role, cu);
  const saveDraft = async (subject: string, body: string) =>
    saveTemplateDraft(await as('manager'), subject, body);

  beforeAll(() => quietAllUsers(t));

  it('keeps publishing to managers: branch staff and compliance get 403', async () => {
    expect(
      (await saveDraft('電子証明書更新のご案内', '{{ userName }} 様')).status,
    ).toBe(200);
    for (const role of ['branch_staff', 'compliance'] as const) {
      const browser = await as(role);
      expect((await browser.post(`${KIND}/publish`)).status).toBe(403);
      expect(
        (
          await browser.send('put', `${KIND}/draft`, {
            subject: 'x',
            body: 'y',
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await t.dataSource.getRepository(NoticeTemplate).findOneByOrFail({
          creditUnionId: seeded.a.id,
          kind: 'renewal_reminder',
          status: 'draft',
        })
      ).version,
    ).toBe(2);
  });

  it('previews with sample data or a real IB user of the own credit union, diffs and publishes; the next run uses the new wording', async () => {
    const manager = await as('manager');
    const own = await addIbUser(t, seeded.a, {
      expiry: addDays(t.clock.today(), 10),
      name: '佐藤 花子',
      companyName: '株式会社<あおい>',
    });
    const theirs = await addIbUser(t, seeded.b, {
      expiry: addDays(t.clock.today(), 10),
    });
    const published = (await manager.get(KIND)).body as NoticeTemplateDetail;
    const body = published.published.body.replace(
      '■電子証明書の有効期限日\n',
      '■有効期限日（和暦）\n　{{ expiryDate | wareki }}\n■電子証明書の有効期限日\n',
    );
    expect(
      (await saveDraft('【重要】電子証明書更新のご案内', body)).status,
    ).toBe(200);

    const sample = (await manager.post(`${KIND}/preview`, {}))
      .body as NoticeTemplatePreview;
    expect(sample).toMatchObject({
      sample: true,
      templateVersion: 2,
      subject: '【重要】電子証明書更新のご案内',
      html: null,
      problems: [],
    });
    expect(sample.text).toContain('令和8年12月11日(金)');
    const real = (
      await manager.post(`${KIND}/preview`, { ibUserId: own.ibUser.id })
    ).body as NoticeTemplatePreview;
    expect(real).toMatchObject({
      sample: false,
      recipient: own.ibUser.email,
      ibUser: { id: own.ibUser.id, name: '佐藤 花子' },
    });
    expect(real.text).toContain('株式会社<あおい>'); // plain text for mail: not escaped
    expect(
      (await manager.post(`${KIND}/preview`, { ibUserId: theirs.ibUser.id }))
        .status,
    ).toBe(404);
    const live = (await manager.post(`${KIND}/preview`, { body: '{{ nope }}' }))
      .body as NoticeTemplatePreview;
    expect(live.problems[0].reason).toContain('変数「nope」');

    const diff = (await manager.get(`${KIND}/diff`)).body as NoticeTemplateDiff;
    expect(diff).toMatchObject({
      publishedVersion: 1,
      draftVersion: 2,
      changed: true,
    });
    expect(diff.subject).toEqual([
      { op: 'delete', text: '電子証明書更新のご案内' },
      { op: 'insert', text: '【重要】電子証明書更新のご案内' },
    ]);
    expect(
      diff.body.filter((l) => l.op === 'insert').map((l) => l.text),
    ).toEqual(['■有効期限日（和暦）', '　{{ expiryDate | wareki }}']);

    const res = await manager.post(`${KIND}/publish`);
    expect(res.status).toBe(200);
    expect(res.body as NoticeTemplateDetail).toMatchObject({
      draft: null,
      published: {
        version: 2,
        publishedBy: seeded.username('manager', seeded.a),
      },
    });
    expect(
      await t.dataSource.getRepository(AuditEvent).countBy({
        action: 'notice_template.publish',
        creditUnionId: seeded.a.id,
      }),
    ).toBe(1);
    expect((await manager.post(`${KIND}/publish`)).status).toBe(400);

    expect((await manager.post('/api/notice-runs')).status).toBe(202);
    await t.app.get(NoticeJobs).idle();
    const mailbox = (await manager.get('/api/dev/mailbox')).body as Mailbox;
    const mail = mailbox.messages.find((m) =>
      m.to.includes(own.ibUser.email as string),
    );
    expect(mail?.subject).toBe('【重要】電子証明書更新のご案内');
    expect(mail?.text).toContain('令和8年12月11日(金)');
    // The mailbox shows only the caller's own credit union, and only to managers.
    expect(
      mailbox.messages.every(
        (m) => !m.to.includes(theirs.ibUser.email as string),
      ),
    ).toBe(true);
    expect(
      (await (await as('branch_staff')).get('/api/dev/mailbox')).status,
    ).toBe(403);
    const log = await manager.get(
      '/api/notices?kind=renewal_reminder&status=sent',
    );
    const item = log.body.items.find(
      (i: { ibUser: { id: string } }) => i.ibUser.id === own.ibUser.id,
    );
    expect(item).toMatchObject({
      templateVersion: 2,
      milestone: 10,
      milestoneLabel: '有効期限の10日前',
      subject: '【重要】電子証明書更新のご案内',
    });
    expect((await manager.get(`/api/notices/${item.id}`)).body.body).toBe(
      mail?.text,
    );
  });

  it('renders the 重要なお知らせ for the IB channel while renewal is due, escaped', async () => {
    const due = await addIbUser(t, seeded.a, {
      expiry: addDays(t.clock.today(), 3),
      companyName: '<script>x</script>',
    });
    const valid = await addIbUser(t, seeded.a, {
      expiry: addDays(t.clock.today(), 60),
    });
    const notices = t.app.get(ImportantNoticeService);
    const notice = await notices.renewalNotice(due.ibUser.id);
    expect(notice).toMatchObject({
      kind: 'important_notice_renewal',
      title: RENEWAL_NOTICE_TITLE,
      templateVersion: 1,
    });
    expect(notice?.html).toContain(
      `<a href="${IB_RENEWAL_PATH}">電子証明書の更新はこちら</a>`,
    );
    expect(notice?.html).toContain('あと3日');
    expect(await notices.renewalNotice(valid.ibUser.id)).toBeNull();
  });

  it('validates the schedule with libs/domain and switches on the post-expiry mail', async () => {
    const manager = await as('manager');
    const initial = (await manager.get('/api/notice-schedule')).body;
    expect(initial).toMatchObject({
      milestones: [30, 10],
      reissueReadyEnabled: true,
      dailyRunAt: '06:00',
      updatedAt: null,
    });
    expect(initial.postExpiryOptions).toEqual([
      { milestone: -1, label: '有効期限の1日後', kind: 'locked_out' },
      { milestone: -80, label: '有効期限の80日後', kind: 'last_chance' },
    ]);
    for (const [milestones, reason] of [
      [[45, 10], /更新期間.*より前/],
      [[10, 10], /重複/],
      [[-91], /取得期限/],
    ] as const) {
      const res = await manager.send('put', '/api/notice-schedule', {
        milestones,
      });
      expect(res.status).toBe(400);
      expect(res.body.details[0].reason).toMatch(reason);
    }
    expect(
      (
        await (
          await as('branch_staff')
        ).send('put', '/api/notice-schedule', { milestones: [30] })
      ).status,
    ).toBe(403);
    const saved = await manager.send('put', '/api/notice-schedule', {
      milestones: [10, 30, -1],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.explained).toEqual([
      { milestone: 30, label: '有効期限の30日前', kind: 'renewal_reminder' },
      { milestone: 10, label: '有効期限の10日前', kind: 'renewal_reminder' },
      { milestone: -1, label: '有効期限の1日後', kind: 'locked_out' },
    ]);
    expect(
      await t.dataSource.getRepository(AuditEvent).countBy({
        action: 'notice_schedule.update',
        creditUnionId: seeded.a.id,
      }),
    ).toBe(1);

    const lockedOut = await addIbUser(t, seeded.a, {
      expiry: addDays(t.clock.today(), -1),
      role: 'user',
    });
    expect((await manager.post('/api/notice-runs')).status).toBe(202);
    await t.app.get(NoticeJobs).idle();
    const mail = (
      (await manager.get('/api/dev/mailbox')).body as Mailbox
    ).messages.find((m) => m.to.includes(lockedOut.ibUser.email as string));
    expect(mail?.subject).toBe('電子証明書有効期限切れのご案内');
    expect(mail?.text).toContain(
      '利用者ID、利用者暗証番号、利用者確認暗証番号',
    );
  });

  it('pages the delivery log with a cursor and refuses bad filters', async () => {
    const manager = await as('manager');
    const first = await manager.get('/api/notices?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const second = await manager.get(
      `/api/notices?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(
      (
        await manager.get(
          `/api/notices?from=${t.clock.today()}&to=${t.clock.today()}&milestone=10`,
        )
      ).body.items.length,
    ).toBeGreaterThan(0);
    expect((await manager.get('/api/notices?status=lost')).status).toBe(400);
    expect(
      (await manager.get('/api/notices?from=2026-12-02&to=2026-12-01')).status,
    ).toBe(400);
    expect((await (await as('branch_staff')).get('/api/notices')).status).toBe(
      200,
    );
    expect(
      (
        await (
          await as('manager', 'b')
        ).get(`/api/notices/${first.body.items[0].id}`)
      ).status,
    ).toBe(404);
  });
});
