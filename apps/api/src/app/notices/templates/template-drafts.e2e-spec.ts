import type {
  NoticeTemplateDetail,
  NoticeTemplatePreview,
  NoticeTemplateSummary,
} from '@certdesk/contracts';
import {
  IB_RENEWAL_PATH,
  RENEWAL_NOTICE_TITLE,
  StaffRole,
} from '@certdesk/domain';
import { describeSeededApp } from '../../../testing/describe-app';
import { saveTemplateDraft } from '../testing/notice-fixtures';
import { NoticeTemplate } from './notice-template.entity';

const KIND = '/api/notice-templates/renewal_reminder';

/** The shipped templates, and what a draft may hold (publishing and previews: notice-templates.e2e-spec.ts). */
describeSeededApp('notice template drafts on $name', ({ t, seeded }) => {
  const as = (role: StaffRole) => seeded.as(role);
  const saveDraft = async (subject: string, body: string, kind?: string) =>
    saveTemplateDraft(await as('manager'), subject, body, kind);

  it('creates the shipped defaults on first use and lists every kind to staff (not to admins)', async () => {
    const res = await (await as('branch_staff')).get('/api/notice-templates');
    expect(res.status).toBe(200);
    const list = res.body as NoticeTemplateSummary[];
    expect(list.map((k) => [k.kind, k.channel, k.publishedVersion])).toEqual([
      ['renewal_reminder', 'email', 1],
      ['important_notice_renewal', 'important_notice', 1],
      ['locked_out', 'email', 1],
      ['last_chance', 'email', 1],
      ['reissue_ready', 'email', 1],
    ]);
    expect(
      await t.dataSource
        .getRepository(NoticeTemplate)
        .countBy({ creditUnionId: seeded.b.id }),
    ).toBe(0);
    const detail = (await (await as('compliance')).get(KIND))
      .body as NoticeTemplateDetail;
    expect(detail.published.subject).toBe('電子証明書更新のご案内');
    expect(detail.published.body).toContain('{{ expiryDate | jdate }}');
    expect(detail.variables.map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'companyName',
        'userName',
        'ibRoleLabel',
        'expiryDate',
        'daysLeft',
        'helpDeskPhone',
      ]),
    );
    expect(detail.variables.map((v) => v.name)).not.toContain(
      'acquisitionDeadline',
    );
    expect(detail.filters.map((f) => f.name)).toEqual(['jdate', 'wareki']);
    expect(
      (await (await as('manager')).get('/api/notice-templates/no_such_kind'))
        .status,
    ).toBe(404);
  });

  it.each([
    [
      'an unknown variable',
      '{{ expiryDate | jdate }} {{ customerNumber }}',
      /変数「customerNumber」はありません/,
    ],
    [
      'a variable of another kind',
      '{{ acquisitionDeadline | jdate }}',
      /変数「acquisitionDeadline」（取得期限）はこのテンプレートでは使えません/,
    ],
    [
      'an unknown filter',
      '{{ expiryDate | seireki }}',
      /フィルター「seireki」はありません/,
    ],
    [
      'bad syntax',
      '{% if daysLeft > 0 %}あと{{ daysLeft }}日',
      /閉じられていません|書き方に誤り/,
    ],
    [
      'a URL',
      '詳しくは https://www.sakura-shinkin.example/ib をご覧ください',
      /URLやドメイン名「https:\/\/www\.sakura-shinkin\.example\/ib」/,
    ],
    [
      'a domain name',
      'sakura-shinkin.co.jp からログオンしてください',
      /URLやドメイン名「sakura-shinkin\.co\.jp」/,
    ],
    ['a full-width www.', 'ｗｗｗ．さくら．ｊｐ', /URLやドメイン名/],
    [
      'a link built by a filter',
      '{{ "ib" | append: ".example.jp" }}',
      /差し込み後.*ib\.example\.jp/,
    ],
  ])(
    'refuses an e-mail template with %s (400, Japanese reasons)',
    async (_what, body, reason) => {
      const res = await saveDraft('電子証明書更新のご案内', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^テンプレートを保存できません/);
      expect(
        res.body.details.map((d: { reason: string }) => d.reason).join('\n'),
      ).toMatch(reason);
      expect(res.body.details[0].field).toBe('body');
    },
  );

  it('refuses an empty, too long or multi-line subject and keeps nothing', async () => {
    for (const subject of ['', 'あ'.repeat(101), '一行目\n二行目']) {
      const res = await saveDraft(subject, '本文');
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({ field: 'subject' });
    }
    expect(
      await t.dataSource
        .getRepository(NoticeTemplate)
        .countBy({ creditUnionId: seeded.a.id, status: 'draft' }),
    ).toBe(0);
  });

  it('lets the 重要なお知らせ carry a link, escaped as HTML', async () => {
    const res = await saveDraft(
      RENEWAL_NOTICE_TITLE,
      '{{ companyName }} 様\n{{ renewalLink }}\n<b>太字</b>',
      'important_notice_renewal',
    );
    expect(res.status).toBe(200);
    const preview = (
      await (
        await as('manager')
      ).post('/api/notice-templates/important_notice_renewal/preview', {})
    ).body as NoticeTemplatePreview;
    expect(preview.html).toBe(
      `<p>株式会社さくら精機 様<br><a href="${IB_RENEWAL_PATH}">電子証明書の更新はこちら</a><br>&lt;b&gt;太字&lt;/b&gt;</p>`,
    );
    expect(
      (
        await (
          await as('manager')
        ).send('delete', '/api/notice-templates/important_notice_renewal/draft')
      ).status,
    ).toBe(200);
  });
});
