import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { LifecycleStatusName } from '@certdesk/contracts';
import { LifecyclePolicy, lifecycleStatusLabel } from '@certdesk/domain';
import { AuthService } from '../auth/auth.service';

export interface StatusTone {
  /** Chip fill. */
  readonly background: string;
  /** Chip text (AA contrast on the fill). */
  readonly color: string;
  /** Dot, outline, card stripe: the status at a glance. */
  readonly accent: string;
}

/**
 * The one palette of lifecycle statuses (chips, dashboard cards). Colour is never alone:
 * every use shows the status text as well.
 */
export const STATUS_TONES: Readonly<Record<LifecycleStatusName, StatusTone>> = {
  valid: { background: '#e6f4ea', color: '#0d652d', accent: '#1e8e3e' },
  renewal_due: { background: '#fef3c7', color: '#713f00', accent: '#f29900' },
  expired: { background: '#fce8e6', color: '#a50e0e', accent: '#d93025' },
  reissue_required: {
    background: '#8c1d18',
    color: '#ffffff',
    accent: '#8c1d18',
  },
  revoked: { background: '#eceff1', color: '#3c4043', accent: '#80868b' },
  reissue_pending: {
    background: '#e8f0fe',
    color: '#174ea6',
    accent: '#1a73e8',
  },
  reissue_authorized: {
    background: '#e0f2f1',
    color: '#00574b',
    accent: '#00897b',
  },
  not_issued: {
    background: 'transparent',
    color: '#5f6368',
    accent: '#80868b',
  },
};

/**
 * The status as staff read it (libs/domain): 再発行が必要 names the credit union's own limit,
 * e.g. 再発行が必要（90日超過）.
 */
export function statusLabel(
  status: LifecycleStatusName,
  policy?: Partial<LifecyclePolicy>,
): string {
  return lifecycleStatusLabel(status, policy);
}

/** A lifecycle status as a coloured chip with its Japanese name. */
@Component({
  selector: 'cd-status-chip',
  template: `<span class="cd-dot" aria-hidden="true"></span>{{ label() }}`,
  host: {
    class: 'cd-status-chip',
    '[attr.data-status]': 'status()',
    '[style.--cd-status-bg]': 'tone().background',
    '[style.--cd-status-fg]': 'tone().color',
    '[style.--cd-status-accent]': 'tone().accent',
  },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 0 10px;
      min-height: 24px;
      border-radius: 12px;
      border: 1px solid var(--cd-status-accent);
      background: var(--cd-status-bg);
      color: var(--cd-status-fg);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    .cd-dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--cd-status-accent);
    }
    :host([data-status='reissue_required']) .cd-dot {
      background: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly status = input.required<LifecycleStatusName>();
  private readonly auth = inject(AuthService);
  protected readonly label = computed(() =>
    statusLabel(this.status(), this.auth.policy()),
  );
  protected readonly tone = computed(() => STATUS_TONES[this.status()]);
}
