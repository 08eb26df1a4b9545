import {
  HttpClient,
  HttpErrorResponse,
  HttpEvent,
  HttpEventType,
  HttpParams,
  HttpResponse,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ClosureReport,
  CsvEncoding,
  ExpiredUsersReport,
  ExpiryReport,
  NoticeDeliveryReport,
  ReissueHistoryReport,
  ReportName,
} from '@certdesk/contracts';
import {
  Observable,
  catchError,
  filter,
  from,
  map,
  switchMap,
  throwError,
} from 'rxjs';

/** The two lists of expired IB users (`GET /api/reports/{list}`). */
export type ExpiredUsersList = 'locked-out' | 'past-limit';
/** A report's filters as query parameters (empty values are left out). */
export type ReportFilters = Readonly<Record<string, string | undefined>>;

export const REPORT_PAGE_SIZE = 50;

/** What a CSV download reports: bytes so far (the row count is not known in advance), then the file. */
export type CsvExportEvent =
  | {
      readonly type: 'progress';
      readonly loaded: number;
      readonly total: number | null;
    }
  | {
      readonly type: 'done';
      readonly file: Blob;
      readonly filename: string;
      /** Characters CP932 could not hold, written as 〓 (from `X-Unmappable-Characters`). */
      readonly replaced: readonly string[];
    };

export interface CsvExportOptions {
  readonly encoding: CsvEncoding;
  /** CP932 only: write 〓 for what Shift_JIS cannot hold instead of refusing (422). */
  readonly replaceUnmappable?: boolean;
}

/** Typed client for `/api/reports` (reports.read: compliance, manager). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  /** 解約・削除 (`from`, `to`): customers closed and IB users removed, newest first. */
  closures(filters: ReportFilters): Observable<ClosureReport> {
    return this.http.get<ClosureReport>('/api/reports/closures', {
      params: queryParams(filters),
    });
  }

  expiry(branch?: string): Observable<ExpiryReport> {
    return this.http.get<ExpiryReport>('/api/reports/expiry', {
      params: queryParams({ branch }),
    });
  }

  expiredUsers(
    list: ExpiredUsersList,
    branch?: string,
    cursor?: string,
  ): Observable<ExpiredUsersReport> {
    return this.http.get<ExpiredUsersReport>(`/api/reports/${list}`, {
      params: queryParams({ branch, cursor }).set('limit', REPORT_PAGE_SIZE),
    });
  }

  /** 再発行履歴 (`from`, `to`, `status`, `branch`), newest first, 50 a page. */
  reissues(
    filters: ReportFilters,
    cursor?: string,
  ): Observable<ReissueHistoryReport> {
    return this.http.get<ReissueHistoryReport>('/api/reports/reissues', {
      params: queryParams({ ...filters, cursor }).set(
        'limit',
        REPORT_PAGE_SIZE,
      ),
    });
  }

  /** 通知の送信状況 (`from`, `to`, `milestone`): counts per milestone and day. */
  notices(filters: ReportFilters): Observable<NoticeDeliveryReport> {
    return this.http.get<NoticeDeliveryReport>('/api/reports/notices', {
      params: queryParams(filters),
    });
  }

  /**
   * Streams `GET /api/reports/{report}.csv` as a Blob with download progress. Unsubscribing aborts
   * the request. An error's JSON body (sent as a Blob) is parsed back, so `apiError()` can read it.
   */
  exportCsv(
    report: ReportName,
    filters: ReportFilters,
    options: CsvExportOptions,
  ): Observable<CsvExportEvent> {
    let params = queryParams(filters).set('encoding', options.encoding);
    if (options.encoding === 'cp932') {
      params = params.set(
        'unmappable',
        options.replaceUnmappable ? 'replace' : 'refuse',
      );
    }
    return this.http
      .get(`/api/reports/${report}.csv`, {
        params,
        observe: 'events',
        reportProgress: true,
        responseType: 'blob',
      })
      .pipe(
        map((event) => exportEvent(event, report)),
        filter((event): event is CsvExportEvent => event !== null),
        catchError((error: unknown) =>
          from(withJsonBody(error)).pipe(switchMap((e) => throwError(() => e))),
        ),
      );
  }
}

function queryParams(filters: ReportFilters): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) params = params.set(key, value);
  }
  return params;
}

function exportEvent(
  event: HttpEvent<Blob>,
  report: ReportName,
): CsvExportEvent | null {
  if (event.type === HttpEventType.DownloadProgress) {
    return {
      type: 'progress',
      loaded: event.loaded,
      total: event.total ?? null,
    };
  }
  if (event instanceof HttpResponse) {
    return {
      type: 'done',
      file: event.body ?? new Blob([]),
      filename:
        filenameOf(event.headers.get('Content-Disposition')) ?? `${report}.csv`,
      replaced: replacedCharacters(
        event.headers.get('X-Unmappable-Characters'),
      ),
    };
  }
  return null;
}

/** `attachment; filename="locked-out-20261201.csv"` (or RFC 5987 `filename*=UTF-8''…`) → the name. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  return plain ? (plain[1] ?? plain[2]) || null : null;
}

/** `U+20BB7,U+9DD7` → `['𠮷', '鷗']`; an unreadable entry is kept as written. */
export function replacedCharacters(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => {
      const hex = /^U\+([0-9A-F]{1,6})$/i.exec(code)?.[1];
      const point = hex ? parseInt(hex, 16) : NaN;
      return point <= 0x10ffff ? String.fromCodePoint(point) : code;
    });
}

/** A Blob error body (responseType 'blob') read back as the API's JSON error, when it is one. */
async function withJsonBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse && error.error instanceof Blob)) {
    return error;
  }
  let body: unknown = null;
  try {
    body = JSON.parse(await readText(error.error));
  } catch {
    // not JSON (a proxy's HTML page): the generic message applies
  }
  return new HttpErrorResponse({
    error: body,
    headers: error.headers,
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
