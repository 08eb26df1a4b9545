import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { CertificateView } from '@certdesk/contracts';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { certificateEvents, colonHex } from './certificate-events';

/** An IB user's certificates as a timeline, newest first. */
@Component({
  selector: 'cd-certificate-timeline',
  imports: [JapaneseDatePipe],
  template: `
    @if (events().length) {
      <ol class="cd-timeline" aria-label="電子証明書の履歴">
        @for (e of events(); track $index) {
          <li [attr.data-kind]="e.kind">
            <time [attr.datetime]="e.date">{{ e.date | jaDate }}</time>
            <span class="cd-title">{{ e.title }}</span>
            @if (e.detail) {
              <span class="cd-detail">{{ e.detail }}</span>
            }
            <span class="cd-serial">
              シリアル番号 {{ hex(e.serialHex)
              }}{{ e.current ? '（現在）' : '' }}
            </span>
          </li>
        }
      </ol>
    } @else {
      <p class="cd-none">電子証明書の履歴はありません</p>
    }
  `,
  styleUrl: './certificate-timeline.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificateTimeline {
  readonly history = input.required<readonly CertificateView[]>();
  /** The business date, so that an expiry reads 予定 or 期限切れ. */
  readonly today = input.required<string>();

  protected readonly events = computed(() =>
    certificateEvents(this.history(), this.today()),
  );
  protected readonly hex = colonHex;
}
