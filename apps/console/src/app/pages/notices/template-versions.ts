import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import type {
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplateDiffLine,
  NoticeTemplateVersion,
} from '@certdesk/contracts';
import { formatJstMinute } from '../../core/jst-datetime';
import {
  SUBJECT_LABELS,
  authorLabel,
  versionLabel,
  versionState,
} from './notice-labels';

const MARKS: Readonly<Record<NoticeTemplateDiffLine['op'], string>> = {
  equal: ' ',
  insert: '+',
  delete: '−',
};

/**
 * 公開中との差分 (the saved draft against the version in use, from the API) and 版の履歴 (newest
 * first: who wrote and published each version, its text, and for managers 「編集欄に読み込む」).
 */
@Component({
  selector: 'cd-template-versions',
  imports: [MatButtonModule, MatTabsModule],
  templateUrl: './template-versions.html',
  styleUrls: ['./notice-text.scss', './template-versions.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplateVersions {
  readonly detail = input.required<NoticeTemplateDetail>();
  readonly diff = input<NoticeTemplateDiff | null>(null);
  readonly mayEdit = input(false);
  /** 「編集欄に読み込む」: this version's text goes into the editor (unsaved). */
  readonly restore = output<NoticeTemplateVersion>();

  protected readonly subjectLabel = computed(
    () => SUBJECT_LABELS[this.detail().channel],
  );
  protected readonly opened = signal<string | null>(null);
  protected readonly marks = MARKS;
  protected readonly version = versionLabel;
  protected readonly author = authorLabel;
  protected readonly time = formatJstMinute;

  protected state(v: NoticeTemplateVersion): string {
    return versionState(v, this.detail().published.version);
  }

  protected toggle(v: NoticeTemplateVersion): void {
    this.opened.update((id) => (id === v.id ? null : v.id));
  }
}
