/**
 * One entry of the error catalogue: the code's one Japanese wording, or — for a refusal whose
 * sentence depends on the case (dates, attempts left, the fields at fault) — {@link caseWorded}
 * with what varies, so that the thrower words it (`AppError(code, message)`).
 */
export type ErrorEntry = string | CaseWorded;

export interface CaseWorded {
  /** What the sentence depends on (and who words it). */
  readonly caseWorded: string;
}

export function caseWorded(why: string): CaseWorded {
  return { caseWorded: why };
}
