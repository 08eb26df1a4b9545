import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { loadOnce } from '../../core/async-state';
import { STATUS_TONES } from '../../core/lifecycle/status-chip';
import { DashboardApi } from './dashboard-api';
import { AuthService } from '../../core/auth/auth.service';
import { dashboardCards } from './dashboard-cards';
import { ExpiryChart } from './expiry-chart';
import { SystemStatusCard } from './system-status-card';

/** ダッシュボード: counts that open the search pre-filtered, the 12-week expiry chart, system status. */
@Component({
  selector: 'cd-dashboard-page',
  imports: [RouterLink, JapaneseDatePipe, ExpiryChart, SystemStatusCard],
  // Chart registrations for this page only: chart.js is loaded with it, never in the initial bundle.
  providers: [provideCharts(withDefaultRegisterables())],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly summary = loadOnce(inject(DashboardApi).summary());
  private readonly auth = inject(AuthService);
  protected readonly cards = computed(() => {
    const summary = this.summary().value;
    return summary ? dashboardCards(summary, this.auth.policy()) : [];
  });
  protected readonly tones = STATUS_TONES;
}
