import { DEFAULT_TEMPLATES } from './defaults';
import { NOTICE_KINDS } from './kinds';
import { SAMPLE_RENDER_LIMIT_MS, validateTemplate } from './validate';

const reasons = (
  body: string,
  kind: (typeof NOTICE_KINDS)[number] = 'renewal_reminder',
  subject = '電子証明書更新のご案内',
) =>
  validateTemplate(kind, { subject, body }).map(
    (p) => `${p.field}: ${p.reason}`,
  );

describe('validateTemplate', () => {
  it('accepts every shipped default', () => {
    for (const kind of NOTICE_KINDS)
      expect([kind, validateTemplate(kind, DEFAULT_TEMPLATES[kind])]).toEqual([
        kind,
        [],
      ]);
  });

  it.each([
    [
      '{{ foo }}',
      /body: 本文: 変数「foo」はありません。使える変数: creditUnionName/,
    ],
    [
      '{{ acquisitionDeadline | jdate }}',
      /変数「acquisitionDeadline」（取得期限）はこのテンプレートでは使えません（使えるのは「電子証明書再発行手続き完了のご案内（メール）」です）/,
    ],
    [
      '{{ renewalLink }}',
      /変数「renewalLink」（更新リンク）はこのテンプレートでは使えません/,
    ],
    [
      '{{ expiryDate | seireki }}',
      /フィルター「seireki」はありません。使えるのは jdate、wareki と Liquid 標準のフィルターです（1行目/,
    ],
    [
      'あ\n{{ expiryDate',
      /本文: 「\{\{ 」または「\{% 」が閉じられていません（2行目/,
    ],
    ['{% if daysLeft > 0 %}x', /閉じられていません/],
    ['{% bogus %}', /タグ「bogus」はありません/],
    [
      '{{ userName | jdate }}',
      /サンプルデータでの差し込みに失敗しました: jdate フィルターには日付の変数/,
    ],
    ['{% include "other" %}', /\{% include %\} は使えません/],
    [
      'https://sakura.example.jp/login',
      /URLやドメイン名「https:\/\/sakura\.example\.jp\/login」は書けません/,
    ],
    ['お問い合わせは help@sakura-shinkin.jp まで', /「sakura-shinkin\.jp」/],
    ['ＷＷＷ．ＳＡＫＵＲＡ．ＣＯ．ＪＰ', /「WWW\.SAKURA\.CO\.JP」/],
    [
      '{{ "www" | append: ".sakura.jp" }}',
      /本文（差し込み後）にURLやドメイン名「www\.sakura\.jp」/,
    ],
    [
      'x'.repeat(4001),
      /本文は4000文字以内で入力してください（現在 4001 文字）/,
    ],
    [
      `{% for i in (1..3) %}{{ creditUnionName }}${'あ'.repeat(3000)}{% endfor %}`,
      /差し込み後の本文が8000文字を超えます/,
    ],
  ])('refuses %j', (body, reason) => {
    expect(reasons(body).join('\n')).toMatch(reason);
  });

  it('checks the subject too', () => {
    expect(reasons('本文', 'renewal_reminder', '')).toEqual([
      'subject: 件名を入力してください',
    ]);
    expect(reasons('本文', 'renewal_reminder', '件名\n二行目')).toEqual([
      'subject: 件名は1行で入力してください',
    ]);
    expect(
      reasons('本文', 'renewal_reminder', 'www.example.com のご案内').join(),
    ).toMatch(/件名にURLやドメイン名/);
    expect(reasons('本文', 'renewal_reminder', '{{ nothing }}').join()).toMatch(
      /件名: 変数「nothing」/,
    );
  });

  it('lets the 重要なお知らせ mention an address (it is inside IB)', () => {
    expect(
      reasons(
        '{{ renewalLink }} または https://ib.example.jp/renew',
        'important_notice_renewal',
        DEFAULT_TEMPLATES.important_notice_renewal.subject,
      ),
    ).toEqual([]);
  });

  it.each([
    ['90,000 turns of an empty loop', 300],
    ['980,100 turns, cut off at the render limit', 990],
  ])(
    'refuses a template whose sample render is slow (%s), saying how long it took',
    (_, n) => {
      const slow = `{% for i in (1..${n}) %}{% for j in (1..${n}) %}{% endfor %}{% endfor %}{{ renewalLink }}`;
      const started = performance.now();
      const found = reasons(
        slow,
        'important_notice_renewal',
        DEFAULT_TEMPLATES.important_notice_renewal.subject,
      );
      console.log(
        `${n}×${n} loop refused after ${Math.round(performance.now() - started)} ms: ${found.join()}`,
      );
      expect(found).toEqual([
        expect.stringMatching(
          new RegExp(
            `^body: サンプルデータでの差し込みに\\d+ミリ秒(以上)?かかりました（上限 ${SAMPLE_RENDER_LIMIT_MS} ミリ秒）。お知らせはログオンのたびに差し込むため、繰り返し（for）などを減らしてください$`,
          ),
        ),
      ]);
    },
  );

  it('accepts a template with a short loop (the sample render stays well under the limit)', () => {
    expect(
      reasons(
        '{% for i in (1..3) %}{{ companyName }} 様{% endfor %}{{ renewalLink }}',
        'important_notice_renewal',
        DEFAULT_TEMPLATES.important_notice_renewal.subject,
      ),
    ).toEqual([]);
  });

  it('refuses what is not text', () => {
    expect(
      validateTemplate('renewal_reminder', { subject: 1, body: null }),
    ).toEqual([
      { field: 'subject', reason: '件名を入力してください' },
      { field: 'body', reason: '本文を入力してください' },
    ]);
  });
});
