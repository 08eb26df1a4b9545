import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import type {
  NoticeSchedule,
  NoticeTemplateSummary,
} from '@certdesk/contracts';
import { describeMilestone } from '@certdesk/domain';
import {
  PeriodField,
  periodGroup,
  periodQuery,
  periodValue,
} from '../../core/ui/period-field';
import { SelectField, choicesOf } from '../../core/ui/select-field';
import { DELIVERY_STATUS_LABELS } from './notice-labels';
import type { DeliveryFilters as Filters } from './notices-api';

/** What the filters offer besides the statuses: the kinds sent by e-mail, and the schedule's days. */
export interface DeliveryFilterOptions {
  readonly kinds: readonly NoticeTemplateSummary[];
  readonly schedule: NoticeSchedule | null;
}

/**
 * 送信履歴's filters (状態, 通知, 通知日, 期間); shows what the URL says and emits new filters on
 * 検索. Milestones offered: the schedule's, its post-expiry options, and one from the URL.
 */
@Component({
  selector: 'cd-delivery-filters',
  imports: [ReactiveFormsModule, PeriodField, SelectField, MatButtonModule],
  template: `
    <form
      class="cd-filters"
      [formGroup]="form"
      (ngSubmit)="submit()"
      aria-label="絞り込み"
    >
      <cd-select-field
        label="状態"
        [control]="form.controls.status"
        [choices]="statuses"
      />
      <cd-select-field
        label="通知"
        [control]="form.controls.kind"
        [choices]="kinds()"
      />
      <cd-select-field
        label="通知日"
        [control]="form.controls.milestone"
        [choices]="milestones()"
      />
      <cd-period-field
        [group]="form.controls.period"
        label="期間（業務日付）"
      />
      <div class="cd-actions">
        <button mat-flat-button type="submit">検索</button>
        <button mat-button type="button" (click)="searched.emit({})">
          条件をクリア
        </button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeliveryFilters {
  readonly filters = input.required<Filters>();
  readonly options = input<DeliveryFilterOptions | null>(null);
  readonly searched = output<Filters>();

  protected readonly statuses = choicesOf(
    Object.entries(DELIVERY_STATUS_LABELS),
  );
  protected readonly kinds = computed(() =>
    (this.options()?.kinds ?? [])
      .filter((k) => k.channel === 'email')
      .map((k) => ({ value: k.kind, label: k.label })),
  );
  protected readonly milestones = computed(() => {
    const schedule = this.options()?.schedule;
    const current = Number(this.filters().milestone);
    const all = [
      ...(schedule?.milestones ?? []),
      ...(schedule?.postExpiryOptions.map((o) => o.milestone) ?? []),
      ...(this.filters().milestone && Number.isInteger(current)
        ? [current]
        : []),
    ];
    return [...new Set(all)]
      .sort((a, b) => b - a)
      .map((m) => ({ value: `${m}`, label: describeMilestone(m) }));
  });

  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.nonNullable.group({
    status: '',
    kind: '',
    milestone: '',
    period: periodGroup(),
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward).
    effect(() => {
      const f = this.filters();
      this.form.setValue({
        status: f.status ?? '',
        kind: f.kind ?? '',
        milestone: f.milestone ?? '',
        period: periodValue(f),
      });
    });
  }

  protected submit(): void {
    if (this.form.invalid) return;
    const { status, kind, milestone, period } = this.form.getRawValue();
    this.searched.emit({
      status: status || undefined,
      kind: kind || undefined,
      milestone: milestone || undefined,
      ...periodQuery(period),
    });
  }
}
