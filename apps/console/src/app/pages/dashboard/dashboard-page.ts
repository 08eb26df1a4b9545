import { ChangeDetectionStrategy, Component } from '@angular/core';
import { SystemStatusCard } from './system-status-card';

@Component({
  selector: 'cd-dashboard-page',
  imports: [SystemStatusCard],
  template: `
    <h1 class="cd-page-title">ダッシュボード</h1>
    <div class="cd-cards">
      <cd-system-status-card />
    </div>
  `,
  styles: `
    .cd-page-title {
      font: var(--mat-sys-headline-small);
      margin: 0 0 24px;
    }
    .cd-cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
      gap: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {}
