import { findLinks, withoutLiquidTags } from './urls';

describe('findLinks', () => {
  it.each([
    ['https://example.jp/a?b=c', ['https://example.jp/a?b=c']],
    ['http://x', ['http://x']],
    ['ftp://files.example.org/x', ['ftp://files.example.org/x']],
    ['www.example', ['www.example']],
    ['see example.co.jp now', ['example.co.jp']],
    ['mail help@bank.co.jp', ['bank.co.jp']],
    ['IP 192.168.10.1 で', ['192.168.10.1']],
    ['さくら信金.jp', ['さくら信金.jp']],
    ['ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ', ['https://example.jp']],
    ['Example.COM', ['Example.COM']],
  ])('finds the link in %j', (text, links) => {
    expect(findLinks(text)).toEqual(links);
  });

  it.each([
    '電話番号：0120-100-1234（平日 9:00〜17:00）',
    '2026.12.25 までに',
    '令和8年12月25日(金)',
    'No.1 の手順',
    'Ver.2 の画面',
    '「重要なお知らせ」→「更新」',
    '',
  ])('finds nothing in %j', (text) => {
    expect(findLinks(text)).toEqual([]);
  });

  it('is linear on long input', () => {
    const started = Date.now();
    findLinks('a1'.repeat(200_000));
    findLinks('あ'.repeat(200_000) + '.jp');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('drops Liquid tags before looking, so {{ a.b }} is not a domain', () => {
    expect(findLinks(withoutLiquidTags('{{ customer.name }}{% if a.size > 1 %}x{% endif %}'))).toEqual([]);
  });
});
