import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  OnInit,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { LogonState } from '../../core/logon-state';
import { Progress } from '../../core/progress';
import { NoticesHead } from './notices-head';

/**
 * ② お知らせ本文. The body is the API's escaped HTML (Angular sanitizes it again); its
 * 「電子証明書の更新はこちら」 link opens the renewal screens in a separate window (③).
 */
@Component({
  selector: 'ib-notice-body-page',
  imports: [MatButtonModule, MatCardModule, NoticesHead, Progress, RouterLink],
  providers: [LogonState],
  template: `
    <ib-notices-head />
    @if (state.notices()) {
      @if (notice(); as n) {
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-card-title data-testid="notice-title">{{
              n.title
            }}</mat-card-title>
          </mat-card-header>
          <mat-card-content
            class="ib-notice-body"
            data-testid="notice-body"
            [innerHTML]="n.html"
            (click)="openLink($event)"
          ></mat-card-content>
        </mat-card>
      } @else {
        <p>
          このお知らせは表示できません（掲載期間が終了した可能性があります）。
        </p>
      }
      <div class="ib-actions">
        <a mat-stroked-button routerLink="/notices">重要なお知らせ一覧へ戻る</a>
      </div>
    } @else if (!state.error()) {
      <ib-progress>読み込み中…</ib-progress>
    }
  `,
  styles: `
    .ib-notice-body {
      white-space: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeBodyPage implements OnInit {
  protected readonly state = inject(LogonState);
  private readonly document = inject(DOCUMENT);

  readonly id = input.required<string>();

  protected readonly notice = computed(
    () => this.state.notices()?.find((n) => n.id === this.id()) ?? null,
  );

  ngOnInit(): void {
    void this.state.load();
  }

  /** Same-origin links of the body (the renewal link) open in their own window, as the seed's ③ says. */
  protected openLink(event: MouseEvent): void {
    const target =
      event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(target instanceof HTMLAnchorElement)) {
      return;
    }
    const view = this.document.defaultView;
    const url = new URL(target.href, this.document.baseURI);
    if (!view || url.origin !== view.location.origin) {
      return;
    }
    event.preventDefault();
    view.open(url.pathname + url.search, '_blank');
  }
}
