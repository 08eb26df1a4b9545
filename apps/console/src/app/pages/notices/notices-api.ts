import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  NoticeDeliveryDetail,
  NoticeDeliveryPage,
  NoticeKindName,
  NoticeRunList,
  NoticeRunStarted,
  NoticeRunView,
  NoticeSchedule,
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplatePreview,
  NoticeTemplatePreviewRequest,
  NoticeTemplateSummary,
  SaveNoticeTemplateDraftRequest,
  UpdateNoticeScheduleRequest,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** Rows of 送信履歴 per page. */
export const DELIVERY_PAGE_SIZE = 50;

/** The delivery log's filters as the URL and `GET /api/notices` name them (values as typed). */
export const DELIVERY_FILTER_KEYS = [
  'status',
  'kind',
  'milestone',
  'from',
  'to',
] as const;
export type DeliveryFilterKey = (typeof DELIVERY_FILTER_KEYS)[number];
export type DeliveryFilters = Readonly<
  Partial<Record<DeliveryFilterKey, string>>
>;

/**
 * Typed client for the notices API: templates (`/api/notice-templates`), the delivery log
 * (`/api/notices`), the schedule (`/api/notice-schedule`) and runs (`/api/notice-runs`).
 */
@Injectable({ providedIn: 'root' })
export class NoticesApi {
  private readonly http = inject(HttpClient);

  templates(): Observable<NoticeTemplateSummary[]> {
    return this.http.get<NoticeTemplateSummary[]>('/api/notice-templates');
  }

  template(kind: NoticeKindName): Observable<NoticeTemplateDetail> {
    return this.http.get<NoticeTemplateDetail>(this.templateUrl(kind));
  }

  saveDraft(
    kind: NoticeKindName,
    body: SaveNoticeTemplateDraftRequest,
  ): Observable<NoticeTemplateDetail> {
    return this.http.put<NoticeTemplateDetail>(
      `${this.templateUrl(kind)}/draft`,
      body,
    );
  }

  discardDraft(kind: NoticeKindName): Observable<NoticeTemplateDetail> {
    return this.http.delete<NoticeTemplateDetail>(
      `${this.templateUrl(kind)}/draft`,
    );
  }

  preview(
    kind: NoticeKindName,
    body: NoticeTemplatePreviewRequest,
  ): Observable<NoticeTemplatePreview> {
    return this.http.post<NoticeTemplatePreview>(
      `${this.templateUrl(kind)}/preview`,
      body,
    );
  }

  diff(kind: NoticeKindName): Observable<NoticeTemplateDiff> {
    return this.http.get<NoticeTemplateDiff>(`${this.templateUrl(kind)}/diff`);
  }

  publish(kind: NoticeKindName): Observable<NoticeTemplateDetail> {
    return this.http.post<NoticeTemplateDetail>(
      `${this.templateUrl(kind)}/publish`,
      null,
    );
  }

  deliveries(
    filters: DeliveryFilters,
    cursor?: string | null,
  ): Observable<NoticeDeliveryPage> {
    let params = new HttpParams().set('limit', DELIVERY_PAGE_SIZE);
    for (const key of DELIVERY_FILTER_KEYS) {
      const value = filters[key];
      if (value) params = params.set(key, value);
    }
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<NoticeDeliveryPage>('/api/notices', { params });
  }

  delivery(id: string): Observable<NoticeDeliveryDetail> {
    return this.http.get<NoticeDeliveryDetail>(this.deliveryUrl(id));
  }

  resend(id: string): Observable<NoticeDeliveryDetail> {
    return this.http.post<NoticeDeliveryDetail>(
      `${this.deliveryUrl(id)}/resend`,
      null,
    );
  }

  schedule(): Observable<NoticeSchedule> {
    return this.http.get<NoticeSchedule>('/api/notice-schedule');
  }

  updateSchedule(
    body: UpdateNoticeScheduleRequest,
  ): Observable<NoticeSchedule> {
    return this.http.put<NoticeSchedule>('/api/notice-schedule', body);
  }

  /** 今すぐ実行: 202 with the new run's id; poll {@link run} for its progress. */
  startRun(): Observable<NoticeRunStarted> {
    return this.http.post<NoticeRunStarted>('/api/notice-runs', null);
  }

  runs(): Observable<NoticeRunList> {
    return this.http.get<NoticeRunList>('/api/notice-runs');
  }

  run(id: string): Observable<NoticeRunView> {
    return this.http.get<NoticeRunView>(
      `/api/notice-runs/${encodeURIComponent(id)}`,
    );
  }

  private templateUrl(kind: NoticeKindName): string {
    return `/api/notice-templates/${encodeURIComponent(kind)}`;
  }

  private deliveryUrl(id: string): string {
    return `/api/notices/${encodeURIComponent(id)}`;
  }
}
