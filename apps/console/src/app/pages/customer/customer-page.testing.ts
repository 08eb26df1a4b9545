import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CustomerDetail, StaffRoleName } from '@certdesk/contracts';
import { settle } from '../../../testing/http';
import { reissuePage } from '../../../testing/reissues.fixture';
import { RoutedPageTest } from '../../../testing/routed-page';
import { CustomerPage } from './customer-page';
@Component({ selector: 'cd-search-stub', template: '証明書検索' })
class SearchStub {}

/** The customer page at `/customers/:id`, opened from the search or directly. */
export class CustomerPageTest extends RoutedPageTest {
  readonly router: Router;

  constructor() {
    super([
      { path: 'certificates', component: SearchStub },
      { path: 'customers/:id', component: CustomerPage },
    ]);
    this.router = TestBed.inject(Router);
  }

  /** Signs in (without a session, the page offers no actions) and starts the router. */
  async start(role?: StaffRoleName): Promise<void> {
    if (role) await this.signIn(role);
    this.harness = await RouterTestingHarness.create();
    // As the app does at start-up: follow the browser's back and forward buttons.
    this.router.initialNavigation();
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    this.root = TestbedHarnessEnvironment.documentRootLoader(
      this.harness.fixture,
    );
  }

  /** Opens the customer page (from the search when `returnUrl` is given) and answers it. */
  async openCustomer(body: CustomerDetail, returnUrl?: string): Promise<void> {
    if (returnUrl) await this.harness.navigateByUrl(returnUrl);
    await this.router.navigate(['/customers', body.id], {
      state: returnUrl ? { returnUrl } : undefined,
    });
    await settle();
    this.http.expectOne(`/api/customers/${body.id}`).flush(body);
    await this.rendered();
  }

  /** Signed in as `role`, opens `detail`; the cards' look-ups of an open reissue request find none. */
  async openAs(role: StaffRoleName, detail: CustomerDetail): Promise<void> {
    await this.start(role);
    await this.openCustomer(detail);
    this.answerNoReissues();
    await this.rendered();
  }

  /** Answers the cards' look-ups of an open reissue request (one per IB user): none. */
  answerNoReissues(): void {
    for (const r of this.http.match((req) => req.url === '/api/reissues')) {
      r.flush(reissuePage([]));
    }
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
