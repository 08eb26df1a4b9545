import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { injectQueryState } from '../../core/query-state';
import { BranchField, branchCode } from '../../core/ui/branch-field';

/** 店番 of a report: shows the URL's `branch` and sets a new one (none for all) on 絞り込み, first page. */
@Component({
  selector: 'cd-branch-filter',
  imports: [ReactiveFormsModule, MatButtonModule, BranchField],
  template: `
    <form
      class="cd-branch-filter"
      aria-label="店番で絞り込み"
      [formGroup]="form"
      (ngSubmit)="submit()"
    >
      <cd-branch-field
        class="cd-branch"
        [control]="code"
        hint="3桁（空欄で全店）"
        placeholder="すべて"
      />
      <div class="cd-actions">
        <button mat-stroked-button type="submit">絞り込み</button>
        @if (branch()) {
          <button mat-button type="button" (click)="clear()">すべての店</button>
        }
      </div>
    </form>
  `,
  styles: `
    .cd-branch-filter {
      display: flex;
      gap: 0 12px;
      align-items: flex-start;
    }
    .cd-branch {
      width: 11em;
    }
    .cd-actions {
      padding-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BranchFilter {
  private readonly url = injectQueryState(['branch']);
  protected readonly branch = computed(() => this.url.query().branch);

  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: branchCode,
  });
  protected readonly form = new FormGroup({ code: this.code });

  constructor() {
    // The URL is the truth: show it (also after back/forward).
    effect(() => this.code.setValue(this.branch() ?? ''));
  }

  protected submit(): void {
    this.code.setValue(this.code.value.trim());
    if (this.code.invalid) return;
    this.url.set({ branch: this.code.value || undefined });
  }

  protected clear(): void {
    this.url.set({ branch: undefined });
  }
}
