import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { injectKeysetPaging } from '../keyset-paging';

/**
 * 前へ / 次へ of a keyset-paged list whose position is the URL's `cursor` (see
 * `injectKeysetPaging`); shown only when there is more than one page.
 */
@Component({
  selector: 'cd-keyset-pager',
  imports: [MatButtonModule],
  template: `
    @if (cursor() || nextCursor()) {
      <nav class="cd-pager" aria-label="ページ送り">
        <button
          mat-stroked-button
          type="button"
          [disabled]="!cursor() || loading()"
          (click)="paging.previous()"
        >
          前へ
        </button>
        <button
          mat-stroked-button
          type="button"
          [disabled]="!nextCursor() || loading()"
          (click)="paging.next(nextCursor())"
        >
          次へ
        </button>
      </nav>
    }
  `,
  styles: `
    .cd-pager {
      display: flex;
      justify-content: center;
      gap: 12px;
      padding: 16px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeysetPager {
  /** The current page's cursor (none on the first page). */
  readonly cursor = input<string | null | undefined>();
  readonly nextCursor = input<string | null>(null);
  readonly loading = input(false);

  protected readonly paging = injectKeysetPaging(this.cursor);
}
