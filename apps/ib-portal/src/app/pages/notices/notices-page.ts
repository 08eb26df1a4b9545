import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
} from '@angular/core';
import { MatListModule } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import { LogonState } from '../../core/logon-state';
import { Progress } from '../../core/progress';
import { NoticesHead } from './notices-head';

/** ① 重要なお知らせ: shown right after log-on. */
@Component({
  selector: 'ib-notices-page',
  imports: [MatListModule, NoticesHead, Progress, RouterLink],
  providers: [LogonState],
  template: `
    <ib-notices-head [renewalStatus]="true" />
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
