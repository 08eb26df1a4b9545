import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { ReportName } from '@certdesk/contracts';
import type { Subscription } from 'rxjs';
import {
  apiError,
  apiErrorMessage,
  apiErrorReasons,
} from '../../core/api-error';
import { FileDownload } from '@certdesk/web';
import type { CsvEncoding } from '@certdesk/contracts';
import { CsvExportEvent, ReportFilters, ReportsApi } from './reports-api';

export const ENCODING_LABELS: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8（Excel対応）',
  cp932: 'Shift_JIS（CP932）',
};

type ExportState =
  | { readonly status: 'idle' | 'cancelled' }
  | {
      readonly status: 'running';
      readonly loaded: number;
      readonly total: number | null;
    }
  /** A CP932 export refused (422): the characters Shift_JIS cannot hold, as the API lists them. */
  | { readonly status: 'unmappable'; readonly reasons: readonly string[] }
  | {
      readonly status: 'done';
      readonly filename: string;
      readonly replaced: readonly string[];
    }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly reasons: readonly string[];
    };

const KB = 1024;
const MB = KB * KB;

/** Bytes received so far, as staff read it: `850 B`, `12.3 KB`, `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** `𠮷` → `「𠮷」(U+20BB7)` */
function describeCharacter(character: string): string {
  const point = character.codePointAt(0) ?? 0;
  return `「${character}」(U+${point.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * 「CSV出力」 of one report with its current filters: encoding choice, bytes received with a
 * 中止 that aborts the request, the file saved under the server's name, and CP932's 422 turned into
 * a choice (〓 or UTF-8). Leaving the tab cancels a running download.
 */
@Component({
  selector: 'cd-csv-export',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './csv-export.html',
  styleUrl: './csv-export.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CsvExport {
  readonly report = input.required<ReportName>();
  readonly filters = input<ReportFilters>({});
  /** While the filters are being corrected (an unfinished date). */
  readonly disabled = input(false);

  private readonly api = inject(ReportsApi);
  private readonly files = inject(FileDownload);

  protected readonly encodings = Object.entries(ENCODING_LABELS);
  protected readonly encoding = signal<CsvEncoding>('utf-8');
  protected readonly state = signal<ExportState>({ status: 'idle' });
  protected readonly running = computed(
    () => this.state().status === 'running',
  );
  protected readonly bytes = formatBytes;
  protected readonly describe = describeCharacter;
  private download: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.download?.unsubscribe());
  }

  /** CSV出力 with the chosen encoding; CP932 refuses characters it cannot hold (422) at first. */
  protected start(replaceUnmappable = false): void {
    this.download?.unsubscribe();
    const encoding = this.encoding();
    this.state.set({ status: 'running', loaded: 0, total: null });
    this.download = this.api
      .exportCsv(this.report(), this.filters(), {
        encoding,
        replaceUnmappable,
      })
      .subscribe({
        next: (event) => this.progress(event),
        error: (error: unknown) => this.fail(error, encoding),
      });
  }

  /** 〓に置き換えて出力 */
  protected replaceAndExport(): void {
    this.start(true);
  }

  /** UTF-8で出力 */
  protected exportAsUtf8(): void {
    this.encoding.set('utf-8');
    this.start();
  }

  /** 中止: unsubscribing aborts the HTTP request; the server stops streaming and audits the cancel. */
  protected cancel(): void {
    this.download?.unsubscribe();
    this.download = null;
    this.state.set({ status: 'cancelled' });
  }

  private progress(event: CsvExportEvent): void {
    if (event.type === 'progress') {
      this.state.set({
        status: 'running',
        loaded: event.loaded,
        total: event.total,
      });
      return;
    }
    this.download = null;
    this.files.save(event.file, event.filename);
    this.state.set({
      status: 'done',
      filename: event.filename,
      replaced: event.replaced,
    });
  }

  private fail(error: unknown, encoding: CsvEncoding): void {
    this.download = null;
    const reasons = apiErrorReasons(error);
    if (encoding === 'cp932' && apiError(error)?.code === 'csv_unmappable') {
      this.state.set({ status: 'unmappable', reasons });
      return;
    }
    this.state.set({
      status: 'error',
      message: apiErrorMessage(error),
      reasons,
    });
  }
}
