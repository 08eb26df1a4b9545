import { IMPORT_COLUMNS } from './columns';
import { HEADER, csvLine, csvText } from './import-fixtures';
import { readImportText } from './import-file';

describe('readImportText', () => {
  it('reads the rows after the header, skipping blank rows but counting them as lines', () => {
    const text = `${HEADER}\n\n${csvText([csvLine()]).split('\n')[1]}\n,,,\n`;
    const file = readImportText(text);
    expect(file).toMatchObject({ lines: 1, errors: [], readable: true });
    expect(file.rows.map((r) => r.line)).toEqual([3]);
  });

  it('reads a header-only file as no lines', () => {
    expect(readImportText(`${HEADER}\r\n`)).toEqual({
      lines: 0,
      rows: [],
      errors: [],
      readable: true,
    });
  });

  it('refuses an empty file', () => {
    expect(readImportText('')).toMatchObject({
      readable: false,
      errors: [
        { line: 1, message: expect.stringContaining('見出し行がありません') },
      ],
    });
  });

  it('names the missing and the unknown columns', () => {
    const header = IMPORT_COLUMNS.filter((c) => c !== 'ib_role').map((c) =>
      c === 'cert_serial' ? 'serial' : c,
    );
    const file = readImportText(`${header.join(',')}\n`);
    expect(file.readable).toBe(false);
    expect(file.errors).toHaveLength(1);
    expect(file.errors[0].message).toMatch(
      /^1行目: 見出し行が正しくありません（不足している列: ib_role, cert_serial。不明な列: serial）/,
    );
  });

  it('refuses columns in another order, and duplicated columns', () => {
    const swapped = [...IMPORT_COLUMNS];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    expect(readImportText(swapped.join(',')).errors[0].message).toContain(
      '列の順番が違います',
    );
    expect(readImportText(`${HEADER},branch_code`).errors[0].message).toContain(
      '重複している列: branch_code',
    );
  });

  it('accepts spaces around header names', () => {
    expect(
      readImportText(IMPORT_COLUMNS.map((c) => ` ${c} `).join(',')).readable,
    ).toBe(true);
  });

  it.each([
    {
      what: 'one login ID on two lines of one credit union, but not of two',
      lines: [
        csvLine({ cert_serial: '01' }),
        csvLine({ contract_number: '2', cert_serial: '02' }),
        csvLine({ credit_union_code: '1902', cert_serial: '03' }),
      ],
      message: 'ib_login_id「test-admin」は2行目と重複しています',
    },
    {
      what: 'one serial (however written) on two lines of one credit union',
      lines: [
        csvLine({ ib_login_id: 'a', cert_serial: '00:AB:CD' }),
        csvLine({ ib_login_id: 'b', cert_serial: 'abcd' }),
      ],
      message: 'cert_serial（abcd）は2行目の証明書と同じシリアル番号です',
    },
  ])('refuses $what', ({ lines, message }) => {
    expect(readImportText(csvText(lines)).errors).toEqual([
      { line: 3, message: expect.stringContaining(message) },
    ]);
  });

  it('refuses lines of one customer that disagree on its columns', () => {
    const file = readImportText(
      csvText([
        csvLine({ ib_login_id: 'a', cert_serial: '01' }),
        csvLine({
          ib_login_id: 'b',
          cert_serial: '02',
          branch_code: '002',
          contact_email: '',
        }),
      ]),
    );
    expect(file.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^3行目: branch_code「002」が、同じご契約先（契約者番号 0000200001）の2行目の「001」と違います/,
      ),
      expect.stringMatching(
        /^3行目: contact_email（空欄）が、同じご契約先.*「keiri@test-shoji.example.jp」と違います/,
      ),
    ]);
  });

  it('reports CSV syntax errors and bad values of every line', () => {
    const good = csvText([csvLine()]).split('\n')[1];
    const file = readImportText(
      `${HEADER}\n${good.replace('1901', '19"01')}\n${good.replace('2027-06-30', '2027-06-31')}\n`,
    );
    expect(file.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(file.rows).toEqual([]);
  });
});
