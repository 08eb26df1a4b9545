import type { TestRequest } from '@angular/common/http/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import type { ApiError } from '@certdesk/contracts';
import { flushApiError, settle } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { PREVIEW_DEBOUNCE_MS, RUN_POLL_MS } from './notice-timing';
import { noticeRoutes } from './notices.routes';

/** The 通知テンプレート pages at `/templates/…` as the app routes them, for a signed-in demo staff member. */
export class NoticesTest extends RoutedPageTest {
  constructor() {
    super(
      [
        { path: 'templates', children: noticeRoutes },
        { path: 'forbidden', children: [] },
      ],
      [
        { provide: PREVIEW_DEBOUNCE_MS, useValue: 0 },
        { provide: RUN_POLL_MS, useValue: 5 },
      ],
    );
  }

  /** The one pending request for `method url` (the query string aside). */
  request(method: string, url: string): TestRequest {
    return this.http.expectOne(
      (req) => req.method === method && req.url === url,
      `${method} ${url}`,
    );
  }

  /** Lets what was typed reach the API, answers the one `method url` with `body` and renders it. */
  async answer(
    method: string,
    url: string,
    body: object | null,
  ): Promise<TestRequest> {
    await this.rendered();
    const req = this.request(method, url);
    req.flush(body);
    await this.rendered();
    return req;
  }

  /** Lets the page ask, refuses the one `method url` as the API does, and renders the refusal. */
  async refuse(
    method: string,
    url: string,
    status: number,
    message: string,
    details?: ApiError['details'],
  ): Promise<TestRequest> {
    await this.rendered();
    const req = this.request(method, url);
    flushApiError(req, status, message, details);
    await this.rendered();
    return req;
  }

  /** The text of the page's first alert. */
  alert(): string {
    return (
      this.element.querySelector('[role="alert"]')?.textContent ?? ''
    ).trim();
  }

  /** Twice settled: a debounced preview's request goes out in the second turn. */
  override async rendered(): Promise<void> {
    await super.rendered();
    await settle();
  }

  async hasButton(text: string | RegExp): Promise<boolean> {
    return this.loader.hasHarness(MatButtonHarness.with({ text }));
  }
}
