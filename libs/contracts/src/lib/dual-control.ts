/** A staff member as a request or decision names them. */
export interface StaffRef {
  id: string;
  name: string;
}

/**
 * Who asked and who decided, for the requests under dual control (reissues, staff changes): the
 * decider is always another member of staff; the decision fields stay null while it waits.
 */
export interface DualControlRecord {
  requestedBy: StaffRef;
  requestedAt: string;
  decidedBy: StaffRef | null;
  decidedAt: string | null;
  decisionComment: string | null;
}
