import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  NoticeChannelName,
  NoticeTemplatePreview,
} from '@certdesk/contracts';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import type { Loaded } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { SUBJECT_LABELS } from './notice-labels';
import { PreviewTarget, PreviewTargetPicker } from './preview-target';

/**
 * プレビュー: the editor's text as it would go out, with sample data or a chosen IB user. E-mails as
 * plain text with their recipient; the 重要なお知らせ as the API's escaped HTML.
 */
@Component({
  selector: 'cd-template-preview',
  imports: [
    MatProgressBarModule,
    ErrorAlert,
    JapaneseDatePipe,
    PreviewTargetPicker,
  ],
  template: `
    <h2 class="cd-preview-title">プレビュー</h2>
    <cd-preview-target
      [problem]="targetProblem()"
      (targetChange)="targetChange.emit($event)"
    />
    <div class="cd-preview-body" aria-live="polite">
      @if (state().loading) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="プレビューを作成中"
        />
      }
      <cd-error-alert [error]="state().error" />
      @if (state().value; as p) {
        @if (textProblems().length) {
          <div class="cd-alert cd-alert-error" role="alert">
            この内容では保存できません
            <ul>
              @for (problem of textProblems(); track $index) {
                <li>{{ problem }}</li>
              }
            </ul>
          </div>
        }
        <dl class="cd-facts">
          @if (channel() === 'email') {
            <dt>宛先</dt>
            <dd data-testid="preview-recipient">
              {{ p.recipient ?? '（サンプルデータのため宛先はありません）' }}
            </dd>
          }
          <dt>{{ subjectLabel() }}</dt>
          <dd data-testid="preview-subject">{{ p.subject }}</dd>
          <dt>通知日</dt>
          <dd>{{ p.today | jaDate }}</dd>
        </dl>
        @if (p.html !== null) {
          <div
            class="cd-text cd-html"
            data-testid="preview-text"
            [innerHTML]="p.html"
          ></div>
        } @else {
          <pre class="cd-text" data-testid="preview-text">{{ p.text }}</pre>
        }
      }
    </div>
  `,
  styleUrl: './notice-text.scss',
  styles: `
    :host {
      display: block;
    }
    .cd-preview-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .cd-preview-body {
      position: relative;
      min-height: 8px;
      margin-top: 8px;
    }
    .cd-text {
      background: var(--mat-sys-surface-container-lowest);
    }
    .cd-text.cd-html {
      white-space: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplatePreview {
  readonly state = input.required<Loaded<NoticeTemplatePreview | null>>();
  readonly channel = input.required<NoticeChannelName>();
  readonly targetChange = output<PreviewTarget | null>();

  protected readonly subjectLabel = computed(
    () => SUBJECT_LABELS[this.channel()],
  );
  private readonly problems = computed(
    () => this.state().value?.problems ?? [],
  );
  /** Problems of the text (shown under their fields too). */
  protected readonly textProblems = computed(() =>
    this.problems()
      .filter((p) => p.field !== 'ibUserId')
      .map((p) => p.reason),
  );
  protected readonly targetProblem = computed(
    () => this.problems().find((p) => p.field === 'ibUserId')?.reason ?? null,
  );
}
