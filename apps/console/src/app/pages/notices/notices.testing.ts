import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ApiError, StaffRoleName } from '@certdesk/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { flushApiError, settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { PREVIEW_DEBOUNCE_MS, RUN_POLL_MS } from './notice-timing';
import { noticeRoutes } from './notices.routes';

/** The 通知テンプレート pages at `/templates/…` as the app routes them, for a signed-in demo staff member. */
export class NoticesTest {
  readonly http: HttpTestingController;
  harness!: RouterTestingHarness;
  /** Inside the page. */
  loader!: HarnessLoader;
  /** The whole document: dialogs, snack bars, autocomplete panels. */
  root!: HarnessLoader;

  constructor() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'templates', children: noticeRoutes },
            { path: 'forbidden', children: [] },
          ],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
        { provide: PREVIEW_DEBOUNCE_MS, useValue: 0 },
        { provide: RUN_POLL_MS, useValue: 5 },
      ],
    });
    this.http = TestBed.inject(HttpTestingController);
  }

  async signIn(role: StaffRoleName): Promise<void> {
    const signedIn = TestBed.inject(AuthService).login({
      username: `${role}-1001`,
      password: 'x',
    });
    this.http.expectOne('/api/auth/login').flush(sessionFixture(role));
    await signedIn;
  }

  async open(url: string): Promise<void> {
    this.harness = await RouterTestingHarness.create(url);
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    this.root = TestbedHarnessEnvironment.documentRootLoader(
      this.harness.fixture,
    );
    await this.rendered();
  }

  get url(): string {
    return TestBed.inject(Router).url;
  }

  get element(): HTMLElement {
    return this.harness.routeNativeElement as HTMLElement;
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

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
    await settle();
  }

  text(testId: string): string {
    return (
      this.element.querySelector(`[data-testid="${testId}"]`)?.textContent ?? ''
    )
      .replace(/\s+/g, ' ')
      .trim();
  }

  button(text: string | RegExp) {
    return this.loader.getHarness(MatButtonHarness.with({ text }));
  }

  async hasButton(text: string | RegExp): Promise<boolean> {
    return this.loader.hasHarness(MatButtonHarness.with({ text }));
  }

  /** Clicks a button of the open dialog. */
  async confirm(text: string): Promise<void> {
    const dialog = await this.root.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text }))).click();
    await this.rendered();
  }

  async snackBar(): Promise<string> {
    return (await this.root.getHarness(MatSnackBarHarness)).getMessage();
  }
}
