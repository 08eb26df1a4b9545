import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CustomerDetail, StaffRoleName } from '@certdesk/contracts';
import { settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { AuthService } from '../../core/auth/auth.service';
import { CustomerPage } from './customer-page';

@Component({ selector: 'cd-search-stub', template: '証明書検索' })
class SearchStub {}

/** The customer page at `/customers/:id`, opened from the search or directly. */
export class CustomerPageTest {
  readonly http: HttpTestingController;
  readonly router: Router;
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
          [
            { path: 'certificates', component: SearchStub },
            { path: 'customers/:id', component: CustomerPage },
          ],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
      ],
    });
    this.http = TestBed.inject(HttpTestingController);
    this.router = TestBed.inject(Router);
  }

  /** Signs in (without a session, the page offers no actions) and starts the router. */
  async start(role?: StaffRoleName): Promise<void> {
    if (role) {
      const signedIn = TestBed.inject(AuthService).login({
        username: `${role}-1001`,
        password: 'x',
      });
      this.http.expectOne('/api/auth/login').flush(sessionFixture(role));
      await signedIn;
    }
    this.harness = await RouterTestingHarness.create();
    // As the app does at start-up: follow the browser's back and forward buttons.
    this.router.initialNavigation();
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    this.root = TestbedHarnessEnvironment.documentRootLoader(
      this.harness.fixture,
    );
  }

  /** Opens the customer page (from the search when `returnUrl` is given) and answers it. */
  async open(body: CustomerDetail, returnUrl?: string): Promise<void> {
    if (returnUrl) await this.harness.navigateByUrl(returnUrl);
    await this.router.navigate(['/customers', body.id], {
      state: returnUrl ? { returnUrl } : undefined,
    });
    await settle();
    this.http.expectOne(`/api/customers/${body.id}`).flush(body);
    await this.rendered();
  }

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  get element(): HTMLElement {
    return this.harness.routeNativeElement as HTMLElement;
  }

  text(testId: string, root: ParentNode = this.element): string | undefined {
    return root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
  }

  /** The card of the IB user with this login ID. */
  card(loginId: string): HTMLElement {
    const card = this.element.querySelector<HTMLElement>(
      `[data-testid="ib-user-${loginId}"]`,
    );
    if (!card) throw new Error(`no card for ${loginId}`);
    return card;
  }
}
