import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import type { ImportRunDetail } from '@certdesk/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  IMPORT_STATUS_LABELS,
  countRows,
  encodingLabel,
  fileSizeLabel,
} from './import-labels';

/**
 * One file's check as a person reads it: what it is, the counts of new / changed / unchanged /
 * removed rows, a sample of changes old → new, who a full file removes, every bad line; then
 * 取り込む or 取消 (while `planned`), the progress bar (while `applying`), or the result.
 */
@Component({
  selector: 'cd-import-check',
  imports: [MatButtonModule, MatProgressBarModule],
  templateUrl: './import-check.html',
  styleUrl: './imports-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportCheck {
  readonly run = input.required<ImportRunDetail>();
  readonly busy = input(false);
  readonly progressPercent = input<number | null>(null);
  readonly apply = output<void>();
  readonly cancelled = output<void>();

  protected readonly statusLabels = IMPORT_STATUS_LABELS;
  protected readonly encodingLabel = encodingLabel;
  protected readonly size = fileSizeLabel;
  protected readonly rows = computed(() => {
    const summary = this.run().summary;
    return summary ? countRows(summary) : [];
  });
  protected readonly removedCustomers = computed(() =>
    this.run().removals.filter((r) => r.kind === 'customer'),
  );
  protected readonly removedIbUsers = computed(() =>
    this.run().removals.filter((r) => r.kind === 'ibUser'),
  );
}
