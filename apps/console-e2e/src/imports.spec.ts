import { expect, type Page } from '@playwright/test';
import { encode } from 'iconv-lite';
import { fullPageShot, loginAs, mainNav, test } from './support';

test.use({ viewport: { width: 1280, height: 1200 } });

const HEADER =
  'credit_union_code,branch_code,contract_number,company_name,company_name_kana,contact_email,ib_login_id,ib_role,ib_user_name,ib_user_email,cert_serial,cert_not_before,cert_expiry_date';

/** A run-unique stamp: contract numbers, login IDs and serials of this run do not meet earlier ones. */
const stamp = Date.now().toString().slice(-8);
const contract = (n: number) => `9${stamp}${n}`;
const serial = (n: number) => `e2e${stamp}${n}`;

function csv(lines: string[]): string {
  return [HEADER, ...lines].join('\r\n') + '\r\n';
}

async function openImports(page: Page): Promise<void> {
  await loginAs(page, 'manager');
  await mainNav(page).getByRole('link', { name: '取込' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: '取込' }),
  ).toBeVisible();
}

async function upload(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await page.getByRole('button', { name: '内容を確認' }).click();
  await expect(page.getByTestId('import-check')).toBeVisible();
}

const counts = (page: Page, label: string) =>
  page.getByTestId('import-counts').getByRole('row', { name: label });

test('a manager uploads a file, reads its check and applies it; 取込履歴 shows who imported what', async ({
  page,
}) => {
  await openImports(page);
  const file = csv([
    `1001,001,${contract(1)},株式会社取込テスト,ｶ)ﾄﾘｺﾐﾃｽﾄ,keiri@torikomi.example.jp,imp-${stamp}-a,administrator,取込 一郎,ichiro@torikomi.example.jp,${serial(1)},,2027-10-31`,
    `1001,001,${contract(1)},株式会社取込テスト,ｶ)ﾄﾘｺﾐﾃｽﾄ,keiri@torikomi.example.jp,imp-${stamp}-b,user,取込 花子,,,,`,
  ]);
  await upload(page, '顧客一覧_UTF8.csv', Buffer.from(file, 'utf8'));
  const check = page.getByTestId('import-check');
  await expect(page.getByTestId('import-status')).toHaveText(
    '確認済み（未取込）',
  );
  await expect(check).toContainText('データ 2 行・UTF-8');
  await expect(counts(page, 'ご契約先').getByRole('cell').first()).toHaveText(
    '1',
  );
  await expect(counts(page, 'IB利用者').getByRole('cell').first()).toHaveText(
    '2',
  );
  await expect(counts(page, '電子証明書').getByRole('cell').first()).toHaveText(
    '1',
  );
  await fullPageShot(page, 'imports-check');

  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByText('取り込みました。')).toBeVisible();
  await expect(page.getByTestId('import-status')).toHaveText('取込完了');
  const row = page
    .getByTestId('import-history')
    .getByRole('row', { name: /顧客一覧_UTF8\.csv/ });
  await expect(row.first()).toContainText('取込完了');
  await expect(row.first()).toContainText('デモ 役席');
  await fullPageShot(page, 'imports-applied');

  // The same customer with a new name: the check shows the field old → new; 取消 leaves it.
  await upload(
    page,
    '顧客一覧_変更.csv',
    Buffer.from(
      file.replace(/株式会社取込テスト/g, '株式会社取込テスト商事'),
      'utf8',
    ),
  );
  const changes = page.getByTestId('import-changes');
  await expect(changes).toContainText('会社名');
  await expect(changes).toContainText('株式会社取込テスト');
  await expect(changes).toContainText('→ 株式会社取込テスト商事');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('import-status')).toHaveText('取消');
});

test('a CP932 file with half-width kana is read as Excel saved it', async ({
  page,
}) => {
  await openImports(page);
  const line = (kana: string) =>
    `1001,001,${contract(2)},髙橋ﾊﾟｰﾂ株式会社,${kana},,imp-${stamp}-k,administrator,髙橋 ①郎,,${serial(2)},,2027-11-30`;
  await upload(page, 'sjis.csv', encode(csv([line('ﾀｶﾊｼﾊﾟｰﾂ(ｶ')]), 'cp932'));
  await expect(page.getByTestId('import-check')).toContainText(
    'Shift_JIS（CP932）',
  );
  await expect(counts(page, 'ご契約先').getByRole('cell').first()).toHaveText(
    '1',
  );
  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByText('取り込みました。')).toBeVisible();

  // The kana changed in the core system: the check shows half-width kana old → new.
  await upload(page, 'sjis2.csv', encode(csv([line('ﾀｶﾊｼﾊﾟｰﾂ(ｶﾌﾞ')]), 'cp932'));
  const changes = page.getByTestId('import-changes');
  await expect(changes).toContainText('会社名カナ');
  await expect(changes).toContainText('ﾀｶﾊｼﾊﾟｰﾂ(ｶ');
  await expect(changes).toContainText('→ ﾀｶﾊｼﾊﾟｰﾂ(ｶﾌﾞ');
  await expect(changes).toContainText('髙橋ﾊﾟｰﾂ株式会社');
  await fullPageShot(page, 'imports-cp932-half-width-kana');
  await page.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByText('取り込みました。')).toBeVisible();
});

test('a file with bad lines lists each with its line number and reason and cannot be applied', async ({
  page,
}) => {
  await openImports(page);
  await upload(
    page,
    'bad.csv',
    Buffer.from(
      csv([
        `1001,001,${contract(3)},株式会社よい行,ﾖｲｷﾞﾖｳ,,imp-${stamp}-g,administrator,良井 太郎,,,,`,
        `1001,1,${contract(4)},株式会社わるい行,ﾜﾙｲｷﾞﾖｳ,not-an-address,imp-${stamp}-x,owner,悪井 次郎,,,,2027/02/30`,
        `1002,001,${contract(5)},あおばの会社,ｱｵﾊﾞ,,imp-${stamp}-y,user,青葉 三郎,,,,`,
      ]),
      'utf8',
    ),
  );
  await expect(page.getByTestId('import-status')).toHaveText(
    '誤りあり（取込不可）',
  );
  await expect(page.getByTestId('import-errors-summary')).toContainText(
    '誤りが 6 件あります',
  );
  const table = page.getByTestId('import-errors');
  await expect(
    table.getByRole('row', { name: /3行目.*branch_code/ }),
  ).toHaveCount(1);
  await expect(table).toContainText('contact_email「not-an-address」');
  await expect(table).toContainText('ib_role');
  await expect(table).toContainText('cert_expiry_date「2027/02/30」');
  await expect(table).toContainText('4行目: credit_union_code「1002」は');
  await expect(page.getByRole('button', { name: '取り込む' })).toHaveCount(0);
  await fullPageShot(page, 'imports-bad-lines');
});
