import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { ImportRunDetail, ImportRunView } from '@certdesk/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Observable, firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { formatJstMinute } from '../../core/jst-datetime';
import { ImportCheck } from './import-check';
import {
  IMPORT_SOURCE_LABELS,
  IMPORT_STATUS_LABELS,
  fileSizeLabel,
  shortSummary,
} from './import-labels';
import { ImportsApi } from './imports-api';

/** How often the page asks for progress while a file is being written. */
export const POLL_MS = 500;

/**
 * 取込 (managers and admins): upload a core-system file → its check (counts, changes old → new,
 * removals, every bad line) → 取り込む (with progress) or 取消; below, 取込履歴 (uploads and the
 * nightly inbox): who, which file (name, size, SHA-256), when, and what it changed.
 */
@Component({
  selector: 'cd-imports-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    ImportCheck,
  ],
  templateUrl: './imports-page.html',
  styleUrl: './imports-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportsPage {
  private readonly api = inject(ImportsApi);
  private destroyed = false;

  protected readonly statusLabels = IMPORT_STATUS_LABELS;
  protected readonly sourceLabels = IMPORT_SOURCE_LABELS;
  protected readonly size = fileSizeLabel;
  protected readonly summaryText = shortSummary;
  protected readonly when = formatJstMinute;

  protected readonly file = signal<File | null>(null);
  protected readonly full = signal(false);
  protected readonly uploading = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly run = signal<ImportRunDetail | null>(null);
  protected readonly history = signal<ImportRunView[]>([]);
  protected readonly historyError = signal(false);
  protected readonly progressPercent = computed(() => {
    const p = this.run()?.progress;
    return p && p.total > 0 ? Math.round((p.done / p.total) * 100) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
    void this.loadHistory();
  }

  protected choose(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.error.set(null);
  }

  protected async check(): Promise<void> {
    const file = this.file();
    if (!file) {
      this.error.set('取り込むCSVファイルを選んでください');
      return;
    }
    this.uploading.set(true);
    this.error.set(null);
    this.run.set(null);
    try {
      this.run.set(
        await firstValueFrom(this.api.upload(file, file.name, this.full())),
      );
      void this.loadHistory();
    } catch (e) {
      this.error.set(apiErrorMessage(e));
    } finally {
      this.uploading.set(false);
    }
  }

  /** 取り込む: applies the checked file and follows it until it is done. */
  protected apply(): Promise<void> {
    return this.decide((id) => this.api.apply(id), true);
  }

  /** 取消: the checked file is not applied. */
  protected cancel(): Promise<void> {
    return this.decide((id) => this.api.cancel(id), false);
  }

  private async decide(
    send: (id: string) => Observable<ImportRunDetail>,
    follow: boolean,
  ): Promise<void> {
    const run = this.run();
    if (!run) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.run.set(await firstValueFrom(send(run.id)));
      if (follow) await this.follow(run.id);
    } catch (e) {
      this.error.set(apiErrorMessage(e));
    } finally {
      this.busy.set(false);
      void this.loadHistory();
    }
  }

  /** Opens a run of 取込履歴 in the check area. */
  protected async open(row: ImportRunView): Promise<void> {
    this.error.set(null);
    try {
      this.run.set(await firstValueFrom(this.api.get(row.id)));
      if (this.run()?.status === 'applying') await this.follow(row.id);
    } catch (e) {
      this.error.set(apiErrorMessage(e));
    }
  }

  /** Polls a run being written until it ends, updating the progress bar. */
  private async follow(id: string): Promise<void> {
    while (!this.destroyed && this.run()?.status === 'applying') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      this.run.set(await firstValueFrom(this.api.get(id)));
    }
  }

  private async loadHistory(): Promise<void> {
    try {
      this.history.set(await firstValueFrom(this.api.history()));
      this.historyError.set(false);
    } catch {
      this.historyError.set(true);
    }
  }
}
