import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { HealthApi } from './core/health-api';
import { JapaneseDatePipe } from './core/japanese-date.pipe';
import { loadState } from './core/load-state';
import { APP_TITLE } from './core/page-title.strategy';
import { NAV_ITEMS } from './navigation';

/** The console shell: toolbar, side navigation and the routed page. */
@Component({
  selector: 'cd-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    JapaneseDatePipe,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly productName = APP_TITLE;
  protected readonly navItems = NAV_ITEMS;
  /** The business date comes from the API's clock, never from the browser's. */
  protected readonly health = loadState(inject(HealthApi).get());
}
