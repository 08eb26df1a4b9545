import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../infra/config/config';
import { resolveAuditHmacKey } from '../infra/config/secrets-config';
import { canonicalJson } from './audit-hash';
import type { AuditHead } from './audit-head.entity';

/**
 * The audit chain's HMAC key (`AUDIT_HMAC_KEY`, never stored in the database). Built at start-up:
 * a production start without the key stops with a ConfigError naming the variable.
 */
export class AuditKey {
  constructor(
    readonly key: string,
    readonly demoDefault: boolean,
  ) {}

  static fromConfig(config: Pick<AppConfig, 'mode' | 'audit'>): AuditKey {
    const { key, demoDefault } = resolveAuditHmacKey(config);
    return new AuditKey(key, demoDefault);
  }

  /** HMAC-SHA-256 (hex) of a signed head: what an insider without the key cannot forge. */
  headSignature(
    head: Pick<
      AuditHead,
      'chain' | 'recordedOn' | 'recordedAt' | 'seq' | 'hash'
    >,
  ): string {
    return createHmac('sha256', this.key)
      .update(
        canonicalJson([
          'audit_head',
          head.chain,
          head.recordedOn,
          head.recordedAt.toISOString(),
          head.seq,
          head.hash,
        ]),
        'utf8',
      )
      .digest('hex');
  }

  signatureValid(head: AuditHead): boolean {
    const expected = Buffer.from(this.headSignature(head), 'utf8');
    const actual = Buffer.from(head.signature, 'utf8');
    return (
      expected.length === actual.length && timingSafeEqual(expected, actual)
    );
  }
}
