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
    ['x..example.com の後', ['example.com']],
    ['a.b.c.example.jp', ['a.b.c.example.jp']],
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

  it('is linear on long input (8× the text takes far less than 64× the time)', () => {
    // Compared with itself, not with a wall-clock budget, so a loaded machine cannot fail it:
    // a backtracking (quadratic) pattern would take ~64× as long on 8× the text.
    const fastest = (text: string) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        findLinks(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    for (const unit of ['a1', 'あ', 'x.']) {
      const small = fastest(unit.repeat(25_000) + '.jp');
      const large = fastest(unit.repeat(200_000) + '.jp');
      expect({ unit, quadratic: large / Math.max(small, 0.5) >= 24 }).toEqual({
        unit,
        quadratic: false,
      });
    }
  });

  it('drops Liquid tags before looking, so {{ a.b }} is not a domain', () => {
    expect(
      findLinks(
        withoutLiquidTags('{{ customer.name }}{% if a.size > 1 %}x{% endif %}'),
      ),
    ).toEqual([]);
  });
});
