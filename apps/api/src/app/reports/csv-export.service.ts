import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type {
  CsvEncoding,
  UnmappableCharacter,
  UnmappableMode,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { csvLine, encodeCsv, unmappableInCp932, UTF8_BOM } from './csv';
import { batches, ReportSource } from './report-source';

/** The query's `encoding` and `unmappable` (`CsvOptionsDto`), either absent for its default. */
export interface CsvOptions {
  /** `utf-8` (default, with a BOM for Excel) or `cp932`. */
  encoding?: CsvEncoding;
  /** CP932 only: `refuse` (default) answers 422 listing what would be lost; `replace` writes 〓 and says so in a header. */
  unmappable?: UnmappableMode;
}

export interface ExportRequest<R> {
  report: string;
  source: ReportSource<R>;
  options: CsvOptions;
  filters: Record<string, unknown>;
}

/**
 * Streams a report as CSV straight from keyset batches to the response, with back-pressure:
 * memory stays flat at any size. UTF-8 gets a BOM (Excel); CP932 never loses a character silently.
 * Every export is audited with its filters, row count and whether the client stayed to the end.
 */
@Injectable()
export class CsvExportService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async send<R>(res: Response, request: ExportRequest<R>): Promise<void> {
    const { source } = request;
    const { encoding = 'utf-8', unmappable = 'refuse' } = request.options;
    const lost = encoding === 'cp932' ? await this.scanCp932(source) : [];
    if (lost.length > 0 && unmappable === 'refuse') {
      throw new AppError(
        'csv_unmappable',
        undefined,
        lost.map((c) => ({
          field: 'encoding',
          reason: `「${c.character}」(${c.codePoint}) ${c.firstLine}行目から計${c.count}行`,
        })),
      );
    }
    const stamp = this.clock.today().replace(/-/g, '');
    res.status(200);
    res.setHeader(
      'Content-Type',
      `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${request.report}-${stamp}.csv"`,
    );
    if (lost.length > 0)
      res.setHeader(
        'X-Unmappable-Characters',
        lost.map((c) => c.codePoint).join(','),
      );
    if (encoding === 'utf-8') res.write(UTF8_BOM);

    let rows = 0;
    let audited = false;
    const record = async (completed: boolean) => {
      audited = true;
      await this.audit.record({
        action: 'report.export',
        outcome: completed ? 'success' : 'failure',
        targetType: 'report',
        targetId: request.report,
        details: {
          filters: request.filters,
          encoding,
          rows,
          replacedCharacters: lost.map((c) => c.codePoint),
          cancelled: !completed,
        },
      });
    };
    try {
      await this.write(res, encodeCsv(csvLine(source.headers), encoding));
      for await (const batch of batches(source)) {
        if (res.destroyed) break;
        await this.write(
          res,
          encodeCsv(
            batch.map((r) => csvLine(source.cells(r))).join(''),
            encoding,
          ),
        );
        rows += batch.length;
      }
      // Recorded before the response ends: whoever holds the whole file can find its audit record.
      await record(!res.destroyed);
      res.end();
    } finally {
      if (!audited) await record(false);
    }
  }

  /** Writes a chunk; when the socket's buffer is full, waits for it to drain (or the client to leave). */
  private async write(res: Response, chunk: Buffer): Promise<void> {
    if (res.write(chunk) || res.destroyed) return;
    // The listener that loses the race is removed, so long exports do not pile up listeners.
    const done = new AbortController();
    try {
      await Promise.race([
        once(res, 'drain', { signal: done.signal }),
        once(res, 'close', { signal: done.signal }),
      ]);
    } finally {
      done.abort();
    }
  }

  /**
   * A first pass over the same rows: which characters CP932 would lose, and where they first appear. It reads
   * the cells as they are (quoting only adds ASCII), so it builds no CSV text.
   */
  private async scanCp932<R>(
    source: ReportSource<R>,
  ): Promise<UnmappableCharacter[]> {
    const found = new Map<string, UnmappableCharacter>();
    const note = (cells: readonly (string | number | null)[], line: number) => {
      const lost: string[] = [];
      for (const cell of cells)
        if (typeof cell === 'string') unmappableInCp932(cell, lost);
      for (const ch of lost) {
        const seen = found.get(ch);
        if (seen) seen.count += 1;
        else
          found.set(ch, {
            character: ch,
            codePoint: `U+${ch.codePointAt(0)?.toString(16).toUpperCase()}`,
            firstLine: line,
            count: 1,
          });
      }
    };
    note(source.headers, 1);
    let line = 1;
    for await (const batch of batches(source)) {
      for (const row of batch) note(source.cells(row), ++line);
    }
    return [...found.values()];
  }
}
