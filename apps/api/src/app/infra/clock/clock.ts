import { jstDate } from '@certdesk/domain';

/**
 * The one source of "now". Rules take `today()` (a JST calendar date) from here,
 * so a test or a demo can stand on any date (`CERTDESK_NOW`).
 */
export abstract class Clock {
  abstract now(): Date;
  /** Today's calendar date in Asia/Tokyo, `YYYY-MM-DD`. */
  today(): string {
    return jstDate(this.now());
  }
  abstract readonly fixed: boolean;
}

export class SystemClock extends Clock {
  readonly fixed = false;
  now(): Date {
    return new Date();
  }
}

/** A clock pinned to one instant; `set`/`advance` move it (tests only). */
export class FixedClock extends Clock {
  readonly fixed = true;
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}
