import { NOTICE_KINDS } from './kinds';
import { DEFAULT_TEMPLATES } from './defaults';
import {
  engine,
  RENDER_LIMIT_MS,
  renderNotice,
  toImportantNoticeHtml,
} from './engine';
import { noticeContext, SAMPLE_CREDIT_UNION, sampleFacts } from './variables';

const render = (body: string, values: Record<string, string | number>) =>
  engine.parseAndRenderSync(body, values) as string;

describe('Liquid engine', () => {
  it.each([
    ['2026-12-25', '2026年12月25日(金)', '令和8年12月25日(金)'],
    ['2019-05-01', '2019年5月1日(水)', '令和元年5月1日(水)'],
    ['2019-04-30', '2019年4月30日(火)', '平成31年4月30日(火)'],
    ['2027-01-03', '2027年1月3日(日)', '令和9年1月3日(日)'],
  ])('writes %s as %s (jdate) and %s (wareki)', (date, jdate, wareki) => {
    expect(render('{{ d | jdate }}', { d: date })).toBe(jdate);
    expect(render('{{ d | wareki }}', { d: date })).toBe(wareki);
  });

  it('refuses a non-date in jdate / wareki with a Japanese reason', () => {
    expect(() => render('{{ d | jdate }}', { d: '山田' })).toThrow(
      /jdate フィルターには日付の変数/,
    );
    expect(() => render('{{ d | wareki }}', { d: 20261225 })).toThrow(
      /wareki フィルターには日付の変数/,
    );
  });

  it('is strict: an unknown variable or filter is an error, not an empty string', () => {
    expect(() => render('{{ missing }}', {})).toThrow(
      /undefined variable: missing/,
    );
    expect(() => engine.parse('{{ d | nope }}')).toThrow(
      /undefined filter: nope/,
    );
  });

  it('has no file system: include, render and layout are refused', () => {
    for (const tag of [
      '{% include "x" %}',
      '{% render "x" %}',
      '{% layout "x" %}',
    ])
      expect(() => engine.parse(tag)).toThrow(/は使えません/);
  });

  it('stops runaway templates', () => {
    expect(() =>
      render(
        '{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}',
        {},
      ),
    ).toThrow(/limit/i);
  });
});

describe('renderNotice', () => {
  const context = (kind: (typeof NOTICE_KINDS)[number]) =>
    noticeContext(kind, sampleFacts(kind, '2026-12-01', SAMPLE_CREDIT_UNION));

  it('renders every shipped default for its sample, with Japanese dates and no leftover tags', () => {
    for (const kind of NOTICE_KINDS) {
      const out = renderNotice(kind, DEFAULT_TEMPLATES[kind], context(kind));
      expect(out.text).not.toMatch(/\{\{|\{%|undefined/);
      expect(out.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\)/);
      expect(out.text).toContain('0120-100-1234');
    }
  });

  it('keeps mail as plain text on one subject line, values unescaped', () => {
    const out = renderNotice(
      'renewal_reminder',
      { subject: '{{ companyName }}\n様', body: '{{ companyName }}' },
      { ...context('renewal_reminder'), companyName: 'A&B <株>' },
    );
    expect(out).toEqual({
      subject: 'A&B <株> 様',
      text: 'A&B <株>',
      html: null,
    });
  });

  it('escapes the 重要なお知らせ as HTML; only {{ renewalLink }} becomes a link, and values cannot forge one', () => {
    const forged = '\uE000renewal-link\uE001<img src=x>';
    const out = renderNotice(
      'important_notice_renewal',
      { subject: 'お知らせ', body: '{{ companyName }}\n\n{{ renewalLink }}' },
      { ...context('important_notice_renewal'), companyName: forged },
    );
    expect(out.html).toBe(
      '<p>renewal-link&lt;img src=x&gt;</p>\n<p><a href="/renewal">電子証明書の更新はこちら</a></p>',
    );
    expect(out.text).toBe(
      'renewal-link<img src=x>\n\n電子証明書の更新はこちら',
    );
  });

  it('escapes the renewal URL it is given', () => {
    const out = renderNotice(
      'important_notice_renewal',
      { subject: 'x', body: '{{ renewalLink }}' },
      context('important_notice_renewal'),
      '/ib/renew?a="b"&c',
    );
    expect(out.html).toBe(
      '<p><a href="/ib/renew?a=&quot;b&quot;&amp;c">電子証明書の更新はこちら</a></p>',
    );
  });

  it('makes paragraphs of blank-line separated text', () => {
    expect(toImportantNoticeHtml('一\n二\n\n三', '/x')).toBe(
      '<p>一<br>二</p>\n<p>三</p>',
    );
  });

  it(`stops a render that runs past ${RENDER_LIMIT_MS} ms (a stored template must not hold the event loop for a second)`, () => {
    const kind = 'important_notice_renewal';
    const context = noticeContext(
      kind,
      sampleFacts(kind, '2026-12-01', SAMPLE_CREDIT_UNION),
    );
    const slow = {
      subject: '重要なお知らせ',
      body: '{% for i in (1..990) %}{% for j in (1..990) %}{% endfor %}{% endfor %}',
    };
    expect(RENDER_LIMIT_MS).toBeLessThanOrEqual(50);
    expect(engine.options.renderLimit).toBe(RENDER_LIMIT_MS);
    const started = performance.now();
    expect(() => renderNotice(kind, slow, context)).toThrow(
      /template render limit exceeded/,
    );
    console.log(
      `render stopped after ${Math.round(performance.now() - started)} ms (limit ${RENDER_LIMIT_MS} ms)`,
    );
  });
});
