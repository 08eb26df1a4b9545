import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
} from '@angular/core';
import { MatListModule } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import { LogonHeader } from '../../core/logon-header';
import { LogonState } from '../../core/logon-state';
import { RenewalStatus } from '../../core/renewal-status';
import { Progress } from '../../core/progress';

/** ① 重要なお知らせ: shown right after log-on. */
@Component({
  selector: 'ib-notices-page',
  imports: [LogonHeader, MatListModule, Progress, RenewalStatus, RouterLink],
  providers: [LogonState],
  template: `
    <h1 class="ib-screen-title">重要なお知らせ</h1>
    @if (state.error(); as error) {
      <div class="ib-alert ib-alert-error" role="alert">{{ error }}</div>
    }
    @if (state.me(); as me) {
      <ib-logon-header [me]="me" />
      <ib-renewal-status [me]="me" />
    }
    @if (state.notices(); as notices) {
      @if (notices.length === 0) {
        <p data-testid="no-notices">現在、重要なお知らせはありません。</p>
      } @else {
        <mat-nav-list aria-label="重要なお知らせ" class="ib-notice-list">
          @for (notice of notices; track notice.id) {
            <a mat-list-item [routerLink]="['/notices', notice.id]">
              <span matListItemTitle>{{ notice.title }}</span>
            </a>
          }
        </mat-nav-list>
      }
    } @else if (!state.error()) {
      <ib-progress>読み込み中…</ib-progress>
    }
  `,
  styles: `
    .ib-notice-list {
      background: var(--mat-sys-surface);
      border-radius: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticesPage implements OnInit {
  protected readonly state = inject(LogonState);

  ngOnInit(): void {
    void this.state.load();
  }
}
