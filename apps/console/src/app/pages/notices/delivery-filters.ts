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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type {
  NoticeSchedule,
  NoticeTemplateSummary,
} from '@certdesk/contracts';
import { describeMilestone } from '@certdesk/domain';
import { fromIsoDate, toIsoDate } from '../../core/date-input';
import { PeriodField } from '../../core/ui/period-field';
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
  imports: [
    ReactiveFormsModule,
    PeriodField,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
  ],
  template: `
    <form
      class="cd-filters"
      [formGroup]="form"
      (ngSubmit)="submit()"
      aria-label="絞り込み"
    >
      <mat-form-field>
        <mat-label>状態</mat-label>
        <mat-select formControlName="status">
          <mat-option value="">すべて</mat-option>
          @for (s of statuses; track s[0]) {
            <mat-option [value]="s[0]">{{ s[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>通知</mat-label>
        <mat-select formControlName="kind">
          <mat-option value="">すべて</mat-option>
          @for (k of kinds(); track k.kind) {
            <mat-option [value]="k.kind">{{ k.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>通知日</mat-label>
        <mat-select formControlName="milestone">
          <mat-option value="">すべて</mat-option>
          @for (m of milestones(); track m) {
            <mat-option [value]="'' + m">{{ describe(m) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
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

  protected readonly statuses = Object.entries(DELIVERY_STATUS_LABELS);
  protected readonly describe = describeMilestone;
  protected readonly kinds = computed(() =>
    (this.options()?.kinds ?? []).filter((k) => k.channel === 'email'),
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
    return [...new Set(all)].sort((a, b) => b - a);
  });

  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.nonNullable.group({
    status: '',
    kind: '',
    milestone: '',
    period: this.fb.group({
      from: null as Date | null,
      to: null as Date | null,
    }),
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward).
    effect(() => {
      const f = this.filters();
      this.form.setValue({
        status: f.status ?? '',
        kind: f.kind ?? '',
        milestone: f.milestone ?? '',
        period: { from: fromIsoDate(f.from), to: fromIsoDate(f.to) },
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
      from: toIsoDate(period.from),
      to: toIsoDate(period.to),
    });
  }
}
