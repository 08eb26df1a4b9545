import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { STAFF_ROLE_LABELS } from '@certdesk/domain';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterOutlet,
} from '@angular/router';
import { filter, map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { HealthApi } from '../core/health-api';
import { JapaneseDatePipe } from '../core/japanese-date.pipe';
import { loadOnce } from '../core/async-state';
import { APP_TITLE } from '../core/page-title.strategy';
import { sectionOf } from '../navigation';
import { PendingReissues } from '../pages/reissues/pending-reissues';

/** The signed-in console: toolbar (credit union, user, log-out), the sections the role may use, the page. */
@Component({
  selector: 'cd-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    MatBadgeModule,
    MatButtonModule,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    JapaneseDatePipe,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly pendingReissues = inject(PendingReissues);

  protected readonly productName = APP_TITLE;
  protected readonly session = this.auth.session;
  protected readonly navItems = this.auth.navItems;
  protected readonly homeUrl = this.auth.homeUrl;
  protected readonly roleLabel = computed(() => {
    const role = this.session()?.role;
    return role ? STAFF_ROLE_LABELS[role] : '';
  });
  private readonly navigationEnds = this.router.events.pipe(
    filter((e) => e instanceof NavigationEnd),
  );
  /** The section of the current page (a customer page belongs to 証明書検索). */
  protected readonly activePath = toSignal(
    this.navigationEnds.pipe(map((e) => sectionOf(e.urlAfterRedirects)?.path)),
    { initialValue: sectionOf(this.router.url)?.path },
  );
  /** The business date comes from the API's clock, never from the browser's. */
  protected readonly health = loadOnce(inject(HealthApi).get());

  /** The count on a navigation item (承認待ち on 再発行, for managers); 0 shows none. */
  protected badge(path: string): number {
    return path === '/reissues' ? (this.pendingReissues.count() ?? 0) : 0;
  }

  constructor() {
    // The badge follows the work: asked again whenever the page changes.
    this.navigationEnds
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.pendingReissues.refresh());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout().catch(() => undefined);
    await this.router.navigate(['/login'], {
      queryParams: { reason: 'logout' },
    });
  }
}
