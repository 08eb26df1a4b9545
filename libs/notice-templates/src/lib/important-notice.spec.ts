import {
  IB_RENEWAL_PATH,
  RENEWAL_LINK_TEXT,
  RENEWAL_NOTICE_TITLE,
} from '@certdesk/domain';
import { DEFAULT_TEMPLATES } from './defaults';
import { DEFAULT_RENEWAL_URL, renderNotice } from './engine';
import { validateTemplate } from './validate';
import { noticeContext, SAMPLE_CREDIT_UNION, sampleFacts } from './variables';

const kind = 'important_notice_renewal';
const shipped = DEFAULT_TEMPLATES[kind];

/** 重要なお知らせ as the seed's steps ②③ and its 重要 box say (issue 15). */
describe('重要なお知らせ (renewal)', () => {
  it('refuses a body without the link 「電子証明書の更新はこちら」, naming the variable to use', () => {
    const problems = validateTemplate(kind, {
      subject: shipped.subject,
      body: shipped.body.replace(
        '{{ renewalLink }}',
        '下記から更新してください',
      ),
    });
    expect(problems).toEqual([
      {
        field: 'body',
        reason:
          '本文に「{{ renewalLink }}」（「電子証明書の更新はこちら」のリンク）を入れてください。お客さまはこのリンクから更新します',
      },
    ]);
    // A link only inside a branch the sample never takes does not count either.
    expect(
      validateTemplate(kind, {
        subject: shipped.subject,
        body: '{% if daysLeft > 1000 %}{{ renewalLink }}{% endif %}更新してください。',
      }).map((p) => p.field),
    ).toEqual(['body']);
  });

  it('keeps the title the renewal mail quotes word for word', () => {
    expect(shipped.subject).toBe(RENEWAL_NOTICE_TITLE);
    expect(DEFAULT_TEMPLATES.renewal_reminder.body).toContain(
      `「${RENEWAL_NOTICE_TITLE}」を選択してください`,
    );
    expect(
      validateTemplate(kind, {
        subject: '証明書の更新について',
        body: shipped.body,
      }),
    ).toEqual([
      {
        field: 'subject',
        reason: `件名は「${RENEWAL_NOTICE_TITLE}」としてください。更新案内メールの手順がこの件名のお知らせを選ぶよう案内しています`,
      },
    ]);
  });

  it('warns, with the date, what happens after the self-service limit (the seed’s 重要)', () => {
    const out = renderNotice(
      kind,
      shipped,
      noticeContext(kind, sampleFacts(kind, '2026-12-01', SAMPLE_CREDIT_UNION)),
    );
    expect(out.text).toMatch(
      /また、電子証明書の有効期限日から90日を超過しますと（\d{4}年\d{1,2}月\d{1,2}日\(.\)を過ぎますと）、電子証明書を取得いただけなくなります。その場合は、当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。/,
    );
  });

  it('links to the IB portal’s own renewal route (one constant)', () => {
    expect(DEFAULT_RENEWAL_URL).toBe(IB_RENEWAL_PATH);
    const out = renderNotice(
      kind,
      shipped,
      noticeContext(kind, sampleFacts(kind, '2026-12-01', SAMPLE_CREDIT_UNION)),
    );
    expect(out.html).toContain(`<a href="/renewal">${RENEWAL_LINK_TEXT}</a>`);
  });
});
