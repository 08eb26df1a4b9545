import type { INestApplicationContext } from '@nestjs/common';
import { StaffBootstrap } from './staff-bootstrap';

/** `npm run create-admin -- --credit-union 1234 --username yamada [--display-name 山田太郎]` */
export async function createAdminCommand(
  ctx: INestApplicationContext,
  options: Map<string, string | true>,
): Promise<number> {
  const code = options.get('credit-union');
  const username = options.get('username');
  const displayName = options.get('display-name');
  if (typeof code !== 'string')
    throw new Error('--credit-union で信用金庫コード（4桁）を指定してください');
  if (typeof username !== 'string')
    throw new Error('--username で管理者のユーザー名を指定してください');
  if (displayName === true)
    throw new Error('--display-name には表示名を続けて指定してください');
  const admin = await ctx
    .get(StaffBootstrap)
    .createAdmin({ creditUnionCode: code, username, displayName });
  console.log(
    `システム管理者を作成しました: ${admin.creditUnion.code} ${admin.creditUnion.name} / ユーザー名 ${admin.username}\n` +
      `初回パスワード（この画面にのみ表示されます）: ${admin.oneTimePassword}\n` +
      '初回ログイン時にパスワードの変更を求められます。',
  );
  return 0;
}
