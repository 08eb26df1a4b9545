import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../infra/clock/clock';
import { Manager, Transactions } from '../infra/database/transactions';
import {
  RequestContext,
  requestContext,
} from '../infra/tenancy/request-context';
import type { AuditEntry } from './audit-entry';
import { AuditEvent } from './audit-event.entity';
import { AuditEventRepository } from './audit-event.repository';
import {
  GENESIS_HASH,
  KEYED_HASH_VERSION,
  canonicalJson,
  keyedAuditHash,
} from './audit-hash';
import { AuditKey } from './audit-key';
import { redact } from './redact';

/** At most this many waiting records of one chain go into one transaction. */
export const AUDIT_BATCH_MAX = 200;

interface Waiting {
  unchained: Unchained;
  resolve: (event: AuditEvent) => void;
  reject: (error: unknown) => void;
}

/** The chain of events outside any credit union (system jobs, failed log-ins of unknown users). */
export const SYSTEM_CHAIN = 'system';

type Unchained = Omit<
  AuditEvent,
  'id' | 'seq' | 'occurredAt' | 'prevHash' | 'hash' | 'hashVersion'
>;

const clip = (
  value: string | null | undefined,
  length: number,
): string | null =>
  value === null || value === undefined ? null : value.slice(0, length);

/**
 * Who, where and what of an entry: explicit fields win, the request context fills the rest.
 * The signed-in staff member is the actor unless the entry names another kind of actor.
 */
export function describeEntry(
  entry: AuditEntry,
  context: RequestContext | undefined,
): Unchained {
  const principal = context?.principal;
  const actorType = entry.actorType ?? (principal ? 'staff' : 'anonymous');
  const staff = actorType === 'staff' ? principal : undefined;
  const creditUnionId =
    entry.creditUnionId !== undefined
      ? entry.creditUnionId
      : (principal?.creditUnionId ?? null);
  return {
    chain: creditUnionId ?? SYSTEM_CHAIN,
    creditUnionId,
    actorType,
    actorId: clip(
      entry.actorId !== undefined ? entry.actorId : staff?.staffId,
      36,
    ),
    actorName: clip(
      entry.actorName !== undefined ? entry.actorName : staff?.username,
      100,
    ),
    action: clip(entry.action, 64) ?? '',
    targetType: clip(entry.targetType, 32),
    targetId: clip(entry.targetId, 64),
    outcome: entry.outcome,
    ip: clip(context?.ip, 64),
    requestId: clip(context?.requestId, 64),
    details: canonicalJson(redact(entry.details ?? {})),
  };
}

/**
 * The append-only, hash-chained audit log. One chain per credit union (`system` for the rest):
 * each record carries the next `seq` of its chain and the hash of the previous record; its own hash
 * is an HMAC under `AUDIT_HMAC_KEY` (hash version 2; records from before migration 110 keep their
 * unkeyed SHA-256, version 1), so a rewrite cannot be re-chained without the key.
 *
 * Writers of a chain are serialised so the chain never forks:
 * - PostgreSQL: a transaction-scoped advisory lock per chain, safe across several API processes.
 *   `record()` also queues per chain in-process before taking a pooled connection, so a busy chain
 *   holds at most one connection per process while it waits; the records that queued meanwhile are
 *   written together, up to {@link AUDIT_BATCH_MAX} in one transaction (one lock, one head read, one
 *   INSERT). One transaction per record let a busy process write a chain only as fast as its event
 *   loop came back between the statements: under the soak (`npm run soak`) 0.25 customer.view
 *   records per second while 36 were asked for, every other process waiting on the lock meanwhile.
 *   `recordIn()` does not queue in-process (its caller already holds a transaction and maybe row
 *   locks: waiting on a JS lock there could deadlock where PostgreSQL cannot see it).
 * - SQLite: transactions of the process take turns through infra/database `SqliteGate` (one
 *   writer per file; TypeORM shares one connection), so the head read and the insert cannot interleave.
 * The unique (chain, seq) index is the last line of defence.
 */
@Injectable()
export class AuditService {
  /** PostgreSQL: per chain, the records waiting for the chain's writer of this process (oldest first). */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly transactions: Transactions,
    private readonly events: AuditEventRepository,
    private readonly clock: Clock,
    private readonly key: AuditKey,
  ) {}

  /** Appends a record in its own transaction. */
  async record(entry: AuditEntry): Promise<AuditEvent> {
    const unchained = describeEntry(entry, requestContext.current());
    // SQLite: transactions already take turns (infra/database SqliteGate).
    if (!this.events.postgres) return this.writeAlone(unchained);
    return new Promise<AuditEvent>((resolve, reject) => {
      const queue = this.waiting.get(unchained.chain);
      if (queue) queue.push({ unchained, resolve, reject });
      else {
        this.waiting.set(unchained.chain, [{ unchained, resolve, reject }]);
        void this.writeWaiting(unchained.chain);
      }
    });
  }

  /** The chain's writer: its waiting records, a batch per transaction, until none is left. */
  private async writeWaiting(chain: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(chain) ?? [];
      if (queue.length === 0) {
        this.waiting.delete(chain);
        return;
      }
      const batch = queue.splice(0, AUDIT_BATCH_MAX);
      try {
        const written = await this.transactions.run((manager) =>
          this.append(
            manager,
            batch.map((w) => w.unchained),
          ),
        );
        batch.forEach((w, i) => w.resolve(written[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        // One record the database refuses must not take the others with it: each on its own.
        else
          for (const w of batch)
            await this.writeAlone(w.unchained).then(w.resolve, w.reject);
      }
    }
  }

  private async writeAlone(unchained: Unchained): Promise<AuditEvent> {
    const [event] = await this.transactions.run((manager) =>
      this.append(manager, [unchained]),
    );
    return event;
  }

  /**
   * Appends a record inside the caller's transaction, so it commits or rolls back with the change
   * it describes. On PostgreSQL the chain stays locked until that transaction ends: call this as
   * the transaction's last step, and only under READ COMMITTED (the default). Never call `record()`
   * for the same credit union while that transaction is still open: it would wait for the lock forever.
   */
  async recordIn(manager: Manager, entry: AuditEntry): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'AuditService.recordIn needs an EntityManager inside a transaction; use record() otherwise',
      );
    }
    const unchained = describeEntry(entry, requestContext.current());
    const [event] = await this.append(manager, [unchained]);
    return event;
  }

  /** Chains `records` (all of one chain) after the chain's head, in order, and inserts them. */
  private async append(
    manager: Manager,
    records: Unchained[],
  ): Promise<AuditEvent[]> {
    const chain = records[0].chain;
    await this.events.lockChain(manager, chain);
    let head = await this.events.head(chain, manager);
    const events: AuditEvent[] = [];
    for (const unchained of records) {
      const chained = {
        ...unchained,
        seq: (head?.seq ?? 0) + 1,
        occurredAt: this.clock.now(),
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const event: AuditEvent = {
        ...chained,
        id: randomUUID(),
        hash: keyedAuditHash(chained, this.key.key),
        hashVersion: KEYED_HASH_VERSION,
      };
      events.push(event);
      head = event;
    }
    return this.events.insert(manager, events);
  }
}
