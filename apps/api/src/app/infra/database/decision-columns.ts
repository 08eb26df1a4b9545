import { Column } from 'typeorm';
import type { DualControlRecord, StaffRef } from '@certdesk/contracts';
import { UuidColumn } from './uuid-column';
import { currentPrincipal } from '../tenancy/tenant';
import { InstantColumn } from './instant-column';

/**
 * The columns every request under dual control shares (再発行, staff changes, held removals): who
 * asked and when, and who decided, when and with what comment. The requester's id stays on each
 * entity (a held removal of the nightly inbox has none).
 */
export abstract class DecisionColumns {
  @Column({ type: 'varchar', length: 100 }) requestedByName!: string;
  @InstantColumn() requestedAt!: Date;
  @UuidColumn({ nullable: true }) decidedById!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) decidedByName!:
    string | null;
  @InstantColumn({ nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionComment!:
    string | null;
}

/**
 * The decision of the signed-in staff member at `now`, as the decision columns hold it (a blank
 * comment is none).
 */
export function decidedByMe(
  now: Date,
  comment?: string,
): Pick<
  DecisionColumns,
  'decidedById' | 'decidedByName' | 'decidedAt' | 'decisionComment'
> {
  const me = currentPrincipal();
  return {
    decidedById: me.staffId,
    decidedByName: me.displayName,
    decidedAt: now,
    decisionComment: comment?.trim() || null,
  };
}

/** A request nobody has decided yet. */
export const UNDECIDED = Object.freeze({
  decidedById: null,
  decidedByName: null,
  decidedAt: null,
  decisionComment: null,
} as const satisfies Partial<DecisionColumns>);

/**
 * The decision columns as the API shows them (`DualControlRecord`): who asked and when, and who
 * decided (null while the request waits: a decision is written whole, by {@link decidedByMe}).
 */
export function decisionView<Id extends string | null>(
  r: DecisionColumns & { requestedById: Id },
): Omit<DualControlRecord, 'requestedBy'> & {
  requestedBy: { id: Id; name: string };
} {
  return {
    requestedBy: { id: r.requestedById, name: r.requestedByName },
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: decider(r),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
  };
}

function decider(r: DecisionColumns): StaffRef | null {
  return r.decidedById
    ? { id: r.decidedById, name: r.decidedByName ?? '' }
    : null;
}
