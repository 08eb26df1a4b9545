import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { openCa } from '@certdesk/pki';
import { AuditService } from '../../audit/audit.service';
import { caEntry } from '../ca-audit';
import { ConfigError } from '../../infra/config/config';
import { Transactions } from '../../infra/database/transactions';
import { CertificateAuthorityRepository } from '../certificate-authority.repository';
import {
  CA_TOKEN,
  CertificateAuthorityService,
  tokenKeyLabel,
} from '../certificate-authority.service';
import { Pkcs11CaKeystore, TokenKeyAttributes } from './pkcs11-keystore';
import { SoftwareCaKeystore } from './software-keystore';

export interface ImportedCaKey {
  keyLabel: string;
  keyId: string;
  attributes: TokenKeyAttributes;
}

/**
 * `cli.js ca-import-to-token --credit-union 1001`: a CA's software key onto the token as a
 * sensitive, non-extractable key; then, in one transaction, the row points at the token key, the
 * encrypted copy is deleted and the move is audited (`ca.key.import_to_token`). If anything fails
 * before the commit, the token copy is destroyed and the database is unchanged.
 */
@Injectable()
export class CaKeyImportService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rows: CertificateAuthorityRepository,
    private readonly cas: CertificateAuthorityService,
    private readonly software: SoftwareCaKeystore,
    private readonly audit: AuditService,
    @Optional()
    @Inject(CA_TOKEN)
    private readonly token: Pkcs11CaKeystore | null = null,
  ) {}

  async importToToken(creditUnionCode: string): Promise<ImportedCaKey> {
    const token = this.token;
    if (!token)
      throw new ConfigError(
        'CA_KEYSTORE',
        'must be pkcs11 (with PKCS11_LIBRARY, PKCS11_TOKEN_LABEL and PKCS11_PIN_FILE) to import a CA key to a token',
      );
    const creditUnion = await this.cas.creditUnionByCode(creditUnionCode);
    if (!creditUnion)
      throw new Error(
        `信用金庫コード ${creditUnionCode} の信用金庫はありません`,
      );
    const row = await this.rows.row(creditUnion.id);
    if (!row)
      throw new Error(
        `信用金庫 ${creditUnionCode} の認証局はまだありません（CA_KEYSTORE=pkcs11 なら初回利用時にトークン上で作成されます）`,
      );
    if (row.keyStore !== 'software' || !row.encryptedKeyPem)
      throw new Error(
        `信用金庫 ${creditUnionCode} の認証局の鍵はすでにトークン上にあります（${row.keyLabel}）`,
      );
    const { privateKeyPem } = await this.software.open(
      row.encryptedKeyPem,
      creditUnionCode,
    );
    const key = await token.importKey(
      tokenKeyLabel(creditUnionCode),
      privateKeyPem,
    );
    const keyId = key.stored.keyId as string;
    const keyLabel = key.stored.keyLabel as string;
    try {
      openCa(row.certificatePem, key.signer); // the token holds this certificate's key …
      const probe = randomBytes(32);
      const publicKey = new X509Certificate(row.certificatePem).publicKey;
      if (!verify('sha256', probe, publicKey, await key.signer.sign(probe)))
        throw new Error('The token key does not sign for the CA certificate');
      const attributes = await token.attributes(keyId); // … and cannot give it out
      if (attributes.extractable || !attributes.sensitive)
        throw new Error('The token stored the CA key as extractable');
      await this.transactions.run(async (manager) => {
        const replaced = await this.rows.replaceKey(
          manager,
          row.id,
          row.encryptedKeyPem,
          { keyStore: 'pkcs11', keyLabel, keyId, encryptedKeyPem: null },
        );
        if (!replaced)
          throw new Error('The CA key changed during the import; run it again');
        await this.audit.recordIn(
          manager,
          caEntry(
            { id: row.id, creditUnionId: creditUnion.id },
            'ca.key.import_to_token',
            {
              code: creditUnionCode,
              keystore: token.describe(),
              keyLabel,
              keyId,
              extractable: attributes.extractable,
              sensitive: attributes.sensitive,
              softwareCopyDeleted: true,
            },
            'cli ca-import-to-token',
          ),
        );
      });
      this.cas.forget(creditUnion.id);
      return { keyLabel, keyId, attributes };
    } catch (error) {
      await token.destroy(keyId).catch(() => undefined);
      throw error;
    }
  }
}
