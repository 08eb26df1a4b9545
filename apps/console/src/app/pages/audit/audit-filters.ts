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
import {
  PeriodField,
  periodGroup,
  periodQuery,
  periodValue,
} from '../../core/ui/period-field';
import { SelectField, choicesOf } from '../../core/ui/select-field';
import type { AuditQuery } from './audit-api';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from './audit-labels';

/** The audit log's filters; shows what the URL says and emits a new query on 検索. */
@Component({
  selector: 'cd-audit-filters',
  imports: [
    ReactiveFormsModule,
    PeriodField,
    SelectField,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
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
      <cd-select-field
        label="操作"
        [control]="form.controls.action"
        [choices]="actions()"
      />
      <mat-form-field>
        <mat-label>職員</mat-label>
        <input
          matInput
          formControlName="actor"
          placeholder="ユーザー名の一部"
        />
      </mat-form-field>
      <cd-select-field
        label="結果"
        [control]="form.controls.outcome"
        [choices]="outcomes"
      />
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

  protected readonly outcomes = choicesOf(Object.entries(AUDIT_OUTCOME_LABELS));
  /** Known actions, plus one from the URL the console has no name for. */
  protected readonly actions = computed(() => {
    const known = choicesOf(Object.entries(AUDIT_ACTION_LABELS));
    const current = this.query().action;
    return current && !(current in AUDIT_ACTION_LABELS)
      ? [...known, { value: current, label: current }]
      : known;
  });

  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.nonNullable.group({
    period: periodGroup(),
    action: '',
    actor: '',
    outcome: '',
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward).
    effect(() => {
      const q = this.query();
      this.form.setValue({
        period: periodValue(q),
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
      ...periodQuery(period),
      action: action || undefined,
      actor: actor.trim() || undefined,
      outcome: outcome || undefined,
    });
  }

  protected clear(): void {
    this.searched.emit({});
  }
}
