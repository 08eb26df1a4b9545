import { Component } from '@angular/core';
import { MatBadgeHarness } from '@angular/material/badge/testing';
import type { StaffRoleName } from '@certdesk/contracts';
import { healthFixture } from '../../testing/health.fixture';
import { params, settle } from '../../testing/http';
import { reissuePage, reissueView } from '../../testing/reissues.fixture';
import { RoutedPageTest } from '../../testing/routed-page';
import { Shell } from './shell';

@Component({ selector: 'cd-page-stub', template: 'ページ' })
class PageStub {}

describe('Shell: the 承認待ち badge on 再発行', () => {
  let t: RoutedPageTest;

  async function open(role: StaffRoleName): Promise<void> {
    t = new RoutedPageTest([
      {
        path: '',
        component: Shell,
        children: [
          { path: 'dashboard', component: PageStub },
          { path: 'certificates', component: PageStub },
        ],
      },
    ]);
    await t.signIn(role);
    await t.open('/dashboard');
    t.http.expectOne('/api/health').flush(healthFixture());
  }

  afterEach(() => t.http.verify());

  /** Answers the badge's question with this count. */
  async function answerPending(count: number): Promise<void> {
    const req = t.http.expectOne((r) => r.url === '/api/reissues');
    expect(params(req)).toEqual({ status: 'pending' });
    req.flush(reissuePage(Array.from({ length: count }, () => reissueView())));
    await t.rendered();
  }

  /** Badges showing a count (every navigation item hosts one, empty unless counted). */
  const badges = () =>
    t.loader.getAllHarnesses(
      MatBadgeHarness.with({ selector: '[data-testid="nav-badge"]' }),
    );
  const reissuesLink = () => t.element.querySelector('a[href="/reissues"]');

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
    await t.harness.navigateByUrl('/certificates');
    await answerPending(0);
    expect(await badges()).toHaveLength(0);
    expect(reissuesLink()?.getAttribute('aria-description')).toBeNull();
  });

  it('does not ask for branch staff, who cannot decide', async () => {
    await open('branch_staff');
    await settle();
    t.http.expectNone((r) => r.url === '/api/reissues');
    expect(await badges()).toHaveLength(0);
    expect(reissuesLink()).not.toBeNull();
  });
});
