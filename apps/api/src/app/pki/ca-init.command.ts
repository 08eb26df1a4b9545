import type { INestApplicationContext } from '@nestjs/common';
import { CertificateAuthorityService } from './certificate-authority.service';
import { CrlService } from './crl.service';
import { CaKeyImportService } from './keystore/ca-key-import.service';

/** `npm run ca:init`: creates the issuing CA of every credit union that has none and publishes due CRLs. */
export async function caInitCommand(
  ctx: INestApplicationContext,
): Promise<number> {
  const { created, existing } = await ctx
    .get(CertificateAuthorityService)
    .ensureAll();
  await ctx.get(CrlService).publishDue();
  const list = (codes: string[]) => (codes.length ? codes.join(', ') : 'なし');
  console.log(
    `認証局: 作成 ${list(created)} / 作成済み ${list(existing)}（CRLも発行しました）`,
  );
  return 0;
}

/**
 * `cli.js ca-import-to-token --credit-union 1001` (with CA_KEYSTORE=pkcs11): moves that credit
 * union's CA key from the database onto the token (non-extractable) and deletes the database copy.
 */
export async function caImportToTokenCommand(
  ctx: INestApplicationContext,
  options: Map<string, string | true>,
): Promise<number> {
  const code = options.get('credit-union');
  if (typeof code !== 'string')
    throw new Error('--credit-union で信用金庫コードを指定してください');
  const imported = await ctx.get(CaKeyImportService).importToToken(code);
  console.log(
    `信用金庫 ${code} の認証局の鍵をトークンに移しました: ラベル ${imported.keyLabel} / CKA_ID ${imported.keyId}（取り出し不可: CKA_EXTRACTABLE=${imported.attributes.extractable}, CKA_SENSITIVE=${imported.attributes.sensitive}）。データベース上の暗号化された鍵は削除しました`,
  );
  return 0;
}
