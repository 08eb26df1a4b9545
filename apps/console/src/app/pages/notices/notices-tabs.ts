import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';
import { NOTICE_TABS, NoticeTab } from './notice-labels';

/**
 * The heading of every 通知テンプレート page: its title and the tabs (テンプレート, 送信履歴,
 * 通知スケジュール, 今すぐ実行) the signed-in staff member may open. The page goes inside.
 */
@Component({
  selector: 'cd-notices-tabs',
  imports: [MatTabsModule, RouterLink],
  template: `
    <h1 class="cd-page-title">{{ heading() }}</h1>
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="通知の画面">
      @for (t of tabs(); track t.path) {
        <a mat-tab-link [routerLink]="link(t)" [active]="t.path === active()">{{
          t.label
        }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="cd-notices-panel">
      <ng-content />
    </mat-tab-nav-panel>
  `,
  styles: `
    .cd-page-title {
      margin-bottom: 8px;
    }
    .cd-notices-panel {
      display: block;
      padding-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticesTabs {
  /** The tab of the page inside. */
  readonly active = input.required<NoticeTab['path']>();
  /** Defaults to the section's name; the editor shows the template's. */
  readonly title = input<string>();

  private readonly auth = inject(AuthService);
  protected readonly tabs = computed(() =>
    NOTICE_TABS.filter((t) => this.auth.canAny(t.anyOf)),
  );
  protected readonly heading = computed(
    () => this.title() ?? '通知テンプレート',
  );

  protected link(tab: NoticeTab): string {
    return tab.path ? `/templates/${tab.path}` : '/templates';
  }
}
