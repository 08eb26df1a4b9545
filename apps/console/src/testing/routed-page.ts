import type { HttpInterceptorFn } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import {
  Router,
  Routes,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { SessionInfo, StaffRoleName } from '@certdesk/contracts';
import { AuthService } from '../app/core/auth/auth.service';
import { fakeApi, settle } from './http';
import { sessionFixture } from './session.fixture';

/**
 * Pages under `routes` as the app routes them (query parameters bound to inputs), the API faked by
 * HttpTestingController (through `interceptors`, if any), for a demo staff member signed in with
 * {@link signIn}.
 */
export class RoutedPageTest {
  readonly http: HttpTestingController;
  harness!: RouterTestingHarness;
  /** Inside the page. */
  loader!: HarnessLoader;
  /** The whole document: dialogs, snack bars, autocomplete panels. */
  root!: HarnessLoader;

  constructor(
    routes: Routes,
    providers: (Provider | EnvironmentProviders)[] = [],
    interceptors: HttpInterceptorFn[] = [],
  ) {
    this.http = fakeApi(
      [
        provideRouter(routes, withComponentInputBinding()),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
        ...providers,
      ],
      interceptors,
    );
  }

  /** Signs `role` in (with `overrides` on its session), as the log-in page would. */
  async signIn(
    role: StaffRoleName,
    overrides: Partial<SessionInfo> = {},
  ): Promise<void> {
    const signedIn = TestBed.inject(AuthService).login({
      username: `${role}-1001`,
      password: 'x',
    });
    this.http
      .expectOne('/api/auth/login')
      .flush(sessionFixture(role, overrides));
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

  /** The text of `[data-testid=testId]` within `root`, white space folded ('' when there is none). */
  text(testId: string, root: ParentNode = this.element): string {
    return (root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  /** The header cells' texts of the page's first table. */
  async headers(): Promise<string[]> {
    const table = await this.loader.getHarness(MatTableHarness);
    return (await table.getHeaderRows())[0].getCellTextByIndex();
  }

  /** The footer cells' texts of the page's first table (its totals). */
  async footers(): Promise<string[]> {
    const table = await this.loader.getHarness(MatTableHarness);
    return (await table.getFooterRows())[0].getCellTextByIndex();
  }

  /** The cells' texts of the page's first table, row by row. */
  async cells(): Promise<string[][]> {
    return (await this.loader.getHarness(MatTableHarness)).getCellTextByIndex();
  }

  button(text: string | RegExp, within: HarnessLoader = this.loader) {
    return within.getHarness(MatButtonHarness.with({ text }));
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
