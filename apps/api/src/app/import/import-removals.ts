import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  DEFAULT_REMOVAL_THRESHOLD_PERCENT,
  RemovalCounts,
  removalsNeedApproval,
} from '@certdesk/domain';
import { ClosureRepository } from '../closures/closure.repository';
import { ClosureResult, ClosureService } from '../closures/closure.service';
import { RemovalRequest } from '../closures/removal-request.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import type { RevocationActor } from '../pki/certificate-revocation.service';
import { ImportError, lineError } from './import-report';
import type { ImportActor } from './customer-import.service';
import type { ImportRow } from './import-row';
import { UNDECIDED } from '../infra/database/decision-columns';

/** Removals listed per credit union in a report (the counts cover them all). */
export const REMOVAL_SAMPLE = 200;

/** The import's actor as the revocation and audit records name it. */
function actorOf(by: ImportActor): RevocationActor {
  return { actorType: by.type, actorId: by.id, actorName: by.name };
}

/** One credit union's removals in a full-file import. */
export interface CreditUnionRemovals {
  creditUnionCode: string;
  /** Customers absent from the file: to be closed (解約). */
  closedCustomers: number;
  /** IB users absent from the file (those of the closed customers included): to be removed. */
  removedIbUsers: number;
  activeCustomers: number;
  activeIbUsers: number;
  thresholdPercent: number;
  /** Above the threshold: applying holds them for a second person's approval. */
  needsApproval: boolean;
  /** Up to {@link REMOVAL_SAMPLE} customers to close. */
  customers: { contractNumber: string; companyName: string }[];
  /** Up to {@link REMOVAL_SAMPLE} IB users to remove. */
  ibUsers: { contractNumber: string; loginId: string; name: string }[];
  /** After applying: `applied`, or `held` with the request awaiting approval. */
  outcome?: 'applied' | 'held';
  removalRequestId?: string;
}

/** The `removals` part of an import report (present when the file was marked full). */
export interface ImportRemovalsReport {
  creditUnions: CreditUnionRemovals[];
}

interface Planned {
  creditUnion: CreditUnion;
  customerIds: string[];
  ibUserIds: string[];
  counts: RemovalCounts;
  report: CreditUnionRemovals;
}

export interface RemovalsPlan {
  errors: ImportError[];
  planned: Planned[];
}

/**
 * Full-file mode (issue 16): a file marked as the full extract of its credit unions also says who
 * is gone — their active customers and IB users absent from it are closed / removed. Above the
 * threshold (IMPORT_REMOVAL_THRESHOLD_PERCENT, default 5 % of the IB users) the removals are not
 * applied but held as a {@link RemovalRequest} for a second manager or admin. In every mode a line
 * naming a closed customer or a removed IB user is an error: the core system must not bring them
 * back silently.
 */
@Injectable()
export class ImportRemovalsService {
  constructor(
    private readonly repository: ClosureRepository,
    private readonly closures: ClosureService,
    private readonly clock: Clock,
  ) {}

  async plan(
    em: EntityManager,
    rows: readonly ImportRow[],
    full: boolean,
    thresholdPercent = DEFAULT_REMOVAL_THRESHOLD_PERCENT,
  ): Promise<RemovalsPlan> {
    const codes = [...new Set(rows.map((r) => r.creditUnionCode))];
    const creditUnions = await this.repository.creditUnionsByCode(em, codes);
    const errors: ImportError[] = [];
    const planned: Planned[] = [];
    for (const cu of creditUnions) {
      const own = rows.filter((r) => r.creditUnionCode === cu.code);
      errors.push(...(await this.closedLines(em, cu, own)));
      if (!full) continue;
      const pending = await this.repository.pendingRequest(em, cu.id);
      if (pending)
        errors.push({
          line: 0,
          message: `信用金庫 ${cu.code} には承認待ちの削除・解約（${pending.requestedByName} が ${pending.fileName ?? '全件ファイル'} で取込）があります。先に承認または却下してから全件ファイルを取り込んでください`,
        });
      else planned.push(await this.absent(em, cu, own, thresholdPercent));
    }
    return { errors, planned };
  }

  /** Applies (or holds) the planned removals in the import's transaction. */
  async applyIn(
    em: EntityManager,
    plan: RemovalsPlan,
    by: ImportActor,
    file: { name: string | null; sha256: string | null },
  ): Promise<{ report: ImportRemovalsReport; published: () => Promise<void> }> {
    const done: { cu: string; result: ClosureResult }[] = [];
    for (const p of plan.planned) {
      if (p.customerIds.length + p.ibUserIds.length === 0) {
        p.report.outcome = 'applied';
      } else if (p.report.needsApproval) {
        p.report.outcome = 'held';
        p.report.removalRequestId = await this.hold(em, p, by, file);
      } else {
        p.report.outcome = 'applied';
        const result = await this.closures.applyIn(
          em,
          {
            creditUnionId: p.creditUnion.id,
            customerIds: p.customerIds,
            ibUserIds: p.ibUserIds,
          },
          {
            source: 'import',
            reason: absentReason(file.name),
            actor: actorOf(by),
            details: { fileName: file.name, fileSha256: file.sha256 },
          },
        );
        done.push({ cu: p.creditUnion.id, result });
      }
    }
    return {
      report: reportOf(plan),
      published: async () => {
        for (const { cu, result } of done)
          await this.closures.published(cu, result);
      },
    };
  }

  private async hold(
    em: EntityManager,
    p: Planned,
    by: ImportActor,
    file: { name: string | null; sha256: string | null },
  ): Promise<string> {
    const request: RemovalRequest = {
      id: randomUUID(),
      creditUnionId: p.creditUnion.id,
      status: 'pending',
      fileName: file.name,
      fileSha256: file.sha256,
      customerIds: JSON.stringify(p.customerIds),
      ibUserIds: JSON.stringify(p.ibUserIds),
      closedCustomers: p.counts.closedCustomers,
      removedIbUsers: p.counts.removedIbUsers,
      activeCustomers: p.counts.activeCustomers,
      activeIbUsers: p.counts.activeIbUsers,
      thresholdPercent: p.report.thresholdPercent,
      requestedById: by.type === 'staff' ? by.id : null,
      requestedByName: by.name,
      requestedAt: this.clock.now(),
      ...UNDECIDED,
    };
    await this.repository.insertRequest(em, request);
    await this.closures.auditIn(em, {
      ...actorOf(by),
      action: 'removal.request',
      outcome: 'success',
      creditUnionId: p.creditUnion.id,
      targetType: 'removal_request',
      targetId: request.id,
      details: {
        fileName: file.name,
        fileSha256: file.sha256,
        closedCustomers: request.closedCustomers,
        removedIbUsers: request.removedIbUsers,
        activeIbUsers: request.activeIbUsers,
        thresholdPercent: request.thresholdPercent,
      },
    });
    return request.id;
  }

  /** Lines naming a customer already closed or an IB user already removed. */
  private async closedLines(
    em: EntityManager,
    cu: CreditUnion,
    own: readonly ImportRow[],
  ): Promise<ImportError[]> {
    const closed = await this.repository.closedByKeys(
      em,
      cu.id,
      [...new Set(own.map((r) => r.contractNumber))],
      [...new Set(own.map((r) => r.loginId))],
    );
    const customers = new Set(closed.customers.map((c) => c.contractNumber));
    const users = new Set(closed.ibUsers.map((u) => u.loginId));
    return own.flatMap((r) =>
      customers.has(r.contractNumber)
        ? [
            lineError(
              r.line,
              `contract_number「${r.contractNumber}」のご契約先は解約済みです。解約済みのご契約先は取り込めません`,
            ),
          ]
        : users.has(r.loginId)
          ? [
              lineError(
                r.line,
                `ib_login_id「${r.loginId}」の利用者は削除済みです。削除済みの利用者は取り込めません`,
              ),
            ]
          : [],
    );
  }

  private async absent(
    em: EntityManager,
    cu: CreditUnion,
    own: readonly ImportRow[],
    thresholdPercent: number,
  ): Promise<Planned> {
    const inFile = {
      contracts: new Set(own.map((r) => r.contractNumber)),
      logins: new Set(own.map((r) => r.loginId)),
    };
    const members = await this.repository.activeMembers(em, cu.id);
    const customers = members.customers.filter(
      (c) => !inFile.contracts.has(c.contractNumber),
    );
    const closing = new Set(customers.map((c) => c.id));
    const ibUsers = members.ibUsers.filter(
      (u) => closing.has(u.customerId) || !inFile.logins.has(u.loginId),
    );
    const counts: RemovalCounts = {
      closedCustomers: customers.length,
      removedIbUsers: ibUsers.length,
      activeCustomers: members.customers.length,
      activeIbUsers: members.ibUsers.length,
    };
    const contractOf = new Map(
      members.customers.map((c) => [c.id, c.contractNumber]),
    );
    const sampleCustomers = await this.repository.customersByIds(
      em,
      cu.id,
      customers.slice(0, REMOVAL_SAMPLE).map((c) => c.id),
    );
    const sampleUsers = await this.repository.ibUsersByIds(
      em,
      cu.id,
      ibUsers.slice(0, REMOVAL_SAMPLE).map((u) => u.id),
    );
    return {
      creditUnion: cu,
      customerIds: customers.map((c) => c.id),
      ibUserIds: ibUsers.map((u) => u.id),
      counts,
      report: {
        creditUnionCode: cu.code,
        ...counts,
        thresholdPercent,
        needsApproval: removalsNeedApproval(counts, thresholdPercent),
        customers: sampleCustomers.map((c) => ({
          contractNumber: c.contractNumber,
          companyName: c.companyName,
        })),
        ibUsers: sampleUsers.map((u) => ({
          contractNumber: contractOf.get(u.customerId) ?? '',
          loginId: u.loginId,
          name: u.name,
        })),
      },
    };
  }
}

/** The reason recorded on rows closed by a full file. */
export function absentReason(fileName: string | null): string {
  return `全件ファイル${fileName ? `「${fileName}」` : ''}に含まれていないため（基幹系で解約・削除）`;
}

export function reportOf(plan: RemovalsPlan): ImportRemovalsReport {
  return { creditUnions: plan.planned.map((p) => p.report) };
}

/** The CLI's lines about removals (full-file mode). */
export function removalLines(
  report: { removals?: ImportRemovalsReport },
  dryRun: boolean,
): string[] {
  return (report.removals?.creditUnions ?? []).map((r) => {
    const what = `解約 ご契約先 ${r.closedCustomers} / 削除 IB利用者 ${r.removedIbUsers}（有効なIB利用者 ${r.activeIbUsers} 中、しきい値 ${r.thresholdPercent}%）`;
    const state =
      r.outcome === 'held'
        ? `しきい値を超えたため承認待ち（削除・解約依頼 ${r.removalRequestId}）。別の役席またはシステム管理者の承認後に適用されます`
        : r.outcome === 'applied'
          ? '適用しました'
          : r.needsApproval
            ? '適用時はしきい値を超えるため承認待ちになります'
            : dryRun
              ? '適用時にそのまま適用されます'
              : '';
    return `全件ファイル 信用金庫 ${r.creditUnionCode}: ${what} — ${state}`;
  });
}
