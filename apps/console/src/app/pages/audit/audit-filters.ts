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
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { fromIsoDate, toIsoDate } from '../../core/date-input';
import { PeriodField } from '../../core/ui/period-field';
import type { AuditQuery } from './audit-api';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from './audit-labels';

/** The audit log's filters; shows what the URL says and emits a new query on 検索. */
@Component({
  selector: 'cd-audit-filters',
  imports: [
    ReactiveFormsModule,
    PeriodField,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <form
      class="cd-filters"
      [formGroup]="form"
      (ngSubmit)="submit()"
      aria-label="絞り込み"
    >
      <cd-period-field
        [group]="form.controls.period"
        hint="YYYY/MM/DD（日本時間）"
      />
      <mat-form-field>
        <mat-label>操作</mat-label>
        <mat-select formControlName="action">
          <mat-option value="">すべて</mat-option>
          @for (a of actions(); track a.code) {
            <mat-option [value]="a.code">{{ a.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>職員</mat-label>
        <input
          matInput
          formControlName="actor"
          placeholder="ユーザー名の一部"
        />
      </mat-form-field>
      <mat-form-field>
        <mat-label>結果</mat-label>
        <mat-select formControlName="outcome">
          <mat-option value="">すべて</mat-option>
          @for (o of outcomes; track o[0]) {
            <mat-option [value]="o[0]">{{ o[1] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <div class="cd-actions">
        <button mat-flat-button type="submit">検索</button>
        <button mat-button type="button" (click)="clear()">条件をクリア</button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditFilters {
  readonly query = input.required<AuditQuery>();
  readonly searched = output<AuditQuery>();

  protected readonly outcomes = Object.entries(AUDIT_OUTCOME_LABELS);
  /** Known actions, plus one from the URL the console has no name for. */
  protected readonly actions = computed(() => {
    const known = Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => ({
      code,
      label,
    }));
    const current = this.query().action;
    return current && !(current in AUDIT_ACTION_LABELS)
      ? [...known, { code: current, label: current }]
      : known;
  });

  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.nonNullable.group({
    period: this.fb.group({
      from: null as Date | null,
      to: null as Date | null,
    }),
    action: '',
    actor: '',
    outcome: '',
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward).
    effect(() => {
      const q = this.query();
      this.form.setValue({
        period: { from: fromIsoDate(q.from), to: fromIsoDate(q.to) },
        action: q.action ?? '',
        actor: q.actor ?? '',
        outcome: q.outcome ?? '',
      });
    });
  }

  protected submit(): void {
    if (this.form.invalid) return;
    const { period, action, actor, outcome } = this.form.getRawValue();
    this.searched.emit({
      from: toIsoDate(period.from),
      to: toIsoDate(period.to),
      action: action || undefined,
      actor: actor.trim() || undefined,
      outcome: outcome || undefined,
    });
  }

  protected clear(): void {
    this.searched.emit({});
  }
}
