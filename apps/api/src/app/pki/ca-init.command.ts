import type { INestApplicationContext } from '@nestjs/common';
import { assertKnown } from '../cli/args';
import { CertificateAuthorityService } from './certificate-authority.service';
import { CrlService } from './crl.service';

/** `npm run ca:init`: creates the issuing CA of every credit union that has none and publishes due CRLs. */
export async function caInitCommand(
  ctx: INestApplicationContext,
  options: Map<string, string | true>,
): Promise<number> {
  assertKnown(options, []);
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
