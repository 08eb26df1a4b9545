import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatBadgeHarness } from '@angular/material/badge/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { StaffRoleName } from '@certdesk/contracts';
import { healthFixture } from '../../testing/health.fixture';
import { params, settle } from '../../testing/http';
import { reissuePage, reissueView } from '../../testing/reissues.fixture';
import { sessionFixture } from '../../testing/session.fixture';
import { AuthService } from '../core/auth/auth.service';
import { Shell } from './shell';

@Component({ selector: 'cd-page-stub', template: 'ページ' })
class PageStub {}

describe('Shell: the 承認待ち badge on 再発行', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(role: StaffRoleName): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          {
            path: '',
            component: Shell,
            children: [
              { path: 'dashboard', component: PageStub },
              { path: 'certificates', component: PageStub },
            ],
          },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthService).login({
      username: `${role}-1001`,
      password: 'x',
    });
    http.expectOne('/api/auth/login').flush(sessionFixture(role));
    await signedIn;
    harness = await RouterTestingHarness.create('/dashboard');
    http.expectOne('/api/health').flush(healthFixture());
  }

  afterEach(() => http.verify());

  /** Answers the badge's question with this count. */
  async function answerPending(count: number): Promise<void> {
    const req = http.expectOne((r) => r.url === '/api/reissues');
    expect(params(req)).toEqual({ status: 'pending' });
    req.flush(reissuePage(Array.from({ length: count }, () => reissueView())));
    await settle();
    await harness.fixture.whenStable();
  }

  /** Badges showing a count (every navigation item hosts one, empty unless counted). */
  const badges = () =>
    TestbedHarnessEnvironment.loader(harness.fixture).getAllHarnesses(
      MatBadgeHarness.with({ selector: '[data-testid="nav-badge"]' }),
    );
  const reissuesLink = () =>
    (harness.fixture.nativeElement as HTMLElement).querySelector(
      'a[href="/reissues"]',
    );

  it('shows a manager how many requests wait, on 再発行 only', async () => {
    await open('manager');
    await answerPending(3);
    const [badge, ...others] = await badges();
    expect(others).toHaveLength(0);
    expect(await badge.getText()).toBe('3');
    expect(reissuesLink()?.querySelector('.cd-nav-label')?.textContent).toBe(
      '再発行',
    );
    expect(reissuesLink()?.getAttribute('aria-description')).toBe(
      '承認待ち 3件',
    );
  });

  it('asks again when the page changes, and shows nothing at 0', async () => {
    await open('manager');
    await answerPending(2);
    await harness.navigateByUrl('/certificates');
    await answerPending(0);
    expect(await badges()).toHaveLength(0);
    expect(reissuesLink()?.getAttribute('aria-description')).toBeNull();
  });

  it('does not ask for branch staff, who cannot decide', async () => {
    await open('branch_staff');
    await settle();
    http.expectNone((r) => r.url === '/api/reissues');
    expect(await badges()).toHaveLength(0);
    expect(reissuesLink()).not.toBeNull();
  });
});
