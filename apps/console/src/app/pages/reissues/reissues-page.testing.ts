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
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ReissueView, StaffRoleName } from '@certdesk/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { params, settle } from '../../../testing/http';
import { reissuePage } from '../../../testing/reissues.fixture';
import { sessionFixture } from '../../../testing/session.fixture';
import { reissueRoutes } from './reissue.routes';

/** `/reissues` and `/reissues/:id` as the app routes them, for a signed-in demo staff member. */
export class ReissuesTest {
  readonly http: HttpTestingController;
  harness!: RouterTestingHarness;
  /** Inside the page. */
  loader!: HarnessLoader;
  /** The whole document: dialogs, snack bars. */
  root!: HarnessLoader;

  constructor() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'reissues', children: reissueRoutes }],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
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

  /** The pending `GET /api/reissues` requests (the queue's and the badge's), by their query. */
  listRequests(): TestRequest[] {
    return this.http.match((req) => req.url === '/api/reissues');
  }

  /** Answers the queue's one list request; returns its query. */
  async answerList(
    items: ReissueView[],
    pendingCount?: number,
  ): Promise<Record<string, string | null>> {
    const [req, ...more] = this.listRequests();
    if (!req || more.length) {
      throw new Error(`expected one list request, got ${more.length + 1}`);
    }
    req.flush(reissuePage(items, pendingCount));
    await this.rendered();
    return params(req);
  }

  /** Answers every list request (after a decision: the queue's reload and the badge's). */
  async answerAll(items: ReissueView[]): Promise<number> {
    const reqs = this.listRequests();
    reqs.forEach((req) => req.flush(reissuePage(items)));
    await this.rendered();
    return reqs.length;
  }

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  /** The row of a request (`data-id`). */
  row(id: string): HTMLElement {
    const row = this.element.querySelector<HTMLElement>(`tr[data-id="${id}"]`);
    if (!row) throw new Error(`no row for ${id}`);
    return row;
  }

  button(text: string, within: HarnessLoader = this.loader) {
    return within.getHarness(MatButtonHarness.with({ text }));
  }

  buttons(text: string) {
    return this.loader.getAllHarnesses(MatButtonHarness.with({ text }));
  }

  dialog(): Promise<MatDialogHarness> {
    return this.root.getHarness(MatDialogHarness);
  }

  async comment(text: string): Promise<void> {
    const dialog = await this.dialog();
    await (await dialog.getHarness(MatInputHarness)).setValue(text);
  }

  async confirm(text: string): Promise<void> {
    const dialog = await this.dialog();
    await (await dialog.getHarness(MatButtonHarness.with({ text }))).click();
    await this.rendered();
  }

  async snackBar(): Promise<string> {
    return (await this.root.getHarness(MatSnackBarHarness)).getMessage();
  }
}
