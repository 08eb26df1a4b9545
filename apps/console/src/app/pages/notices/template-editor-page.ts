import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  NoticeKindName,
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplateVersion,
} from '@certdesk/contracts';
import {
  Observable,
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  map,
  of,
  switchMap,
} from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import {
  controlError,
  placeReasons,
  showServerErrors,
} from '../../core/form-errors';
import { formatJstMinute } from '../../core/jst-datetime';
import { LoadError, loadOnChange, toLoadError } from '../../core/async-state';
import { confirm } from '../../core/ui/confirm-dialog';
import { ErrorAlert } from '../../core/ui/error-alert';
import { injectNotify } from '../../core/ui/notify';
import { SUBJECT_LABELS, authorLabel, versionLabel } from './notice-labels';
import { PREVIEW_DEBOUNCE_MS } from './notice-timing';
import { NoticesApi } from './notices-api';
import { NoticesTabs } from './notices-tabs';
import type { LeaveGuarded } from './notices.routes';
import { PreviewTarget } from './preview-target';
import { TemplatePreview } from './template-preview';
import { TemplateVersions } from './template-versions';
import { VariablePalette } from './variable-palette';

type Field = 'subject' | 'body';
interface TemplateText {
  readonly subject: string;
  readonly body: string;
}

const sameText = (a: TemplateText | null, b: TemplateText | null) =>
  a === b || (!!a && !!b && a.subject === b.subject && a.body === b.body);

/**
 * テンプレートの編集 (`/templates/:kind`): the draft (else the version in use) in a form, a palette
 * of the kind's variables inserted at the cursor, a live preview (debounced; sample data or a real
 * IB user), the API's reasons under their fields, 下書きを保存 / 破棄 / 公開 for managers, and the
 * diff and version history. Other roles read it all but change nothing.
 */
@Component({
  selector: 'cd-template-editor-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ErrorAlert,
    NoticesTabs,
    TemplatePreview,
    TemplateVersions,
    VariablePalette,
  ],
  templateUrl: './template-editor-page.html',
  styleUrl: './template-editor-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplateEditorPage implements LeaveGuarded {
  /** The route's `:kind` (withComponentInputBinding). */
  readonly kind = input.required<string>();

  private readonly api = inject(NoticesApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = injectNotify();
  private readonly auth = inject(AuthService);
  protected readonly mayEdit = computed(() => this.auth.can('templates.write'));

  protected readonly detail = signal<NoticeTemplateDetail | null>(null);
  protected readonly loadError = signal<LoadError | null>(null);
  protected readonly diff = signal<NoticeTemplateDiff | null>(null);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<LoadError | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    subject: '',
    body: '',
  });
  /** The text the preview shows: the form's, once typing pauses. */
  private readonly text = signal<TemplateText | null>(null, {
    equal: sameText,
  });
  private readonly target = signal<PreviewTarget | null>(null);
  private readonly lastField = signal<Field>('body');
  private readonly subjectInput =
    viewChild<ElementRef<HTMLInputElement>>('subjectInput');
  private readonly bodyInput =
    viewChild<ElementRef<HTMLTextAreaElement>>('bodyInput');

  /** The kind shown (a new answer for the same kind asks for no new preview). */
  private readonly shownKind = computed(() => this.detail()?.kind ?? null);
  protected readonly preview = loadOnChange(
    computed(() => {
      const kind = this.shownKind();
      const text = this.text();
      return kind && text ? { kind, text, ibUserId: this.target()?.id } : null;
    }),
    (request) =>
      request
        ? this.api.preview(request.kind, {
            ...request.text,
            ibUserId: request.ibUserId,
          })
        : of(null),
  );
  protected readonly subjectLabel = computed(() => {
    const d = this.detail();
    return d ? SUBJECT_LABELS[d.channel] : '件名';
  });

  constructor() {
    toObservable(this.kind)
      .pipe(
        switchMap((kind) => {
          this.loadError.set(null);
          return this.api.template(kind as NoticeKindName).pipe(
            catchError((error: unknown) => {
              this.loadError.set(toLoadError(error));
              return of(null);
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((detail) => detail && this.show(detail));
    this.form.valueChanges
      .pipe(
        map(() => this.form.getRawValue()),
        distinctUntilChanged(sameText),
        debounceTime(inject(PREVIEW_DEBOUNCE_MS)),
        takeUntilDestroyed(),
      )
      .subscribe((text) => this.text.set(text));
    // The live preview's reasons go under their fields, as a refused save's do.
    effect(() => {
      const problems = this.preview().value?.problems;
      if (problems) placeReasons(this.form, problems);
    });
  }

  /** Leaving with unsaved text asks first (the route's canDeactivate). */
  mayLeave(): boolean | Observable<boolean> {
    return (
      !this.form.dirty ||
      confirm(this.dialog, {
        title: '保存していない変更があります',
        message:
          '編集中の文面は保存されていません。変更を破棄してこの画面を離れますか。',
        confirmLabel: '破棄して移動',
      })
    );
  }

  /** 「公開中: 第1版（初期設定・2026/12/01 09:00）／下書き: 第2版（manager-1001・… 保存）」 */
  protected versions(d: NoticeTemplateDetail): string {
    const p = d.published;
    const when = p.publishedAt ? `・${formatJstMinute(p.publishedAt)}` : '';
    const published = `公開中: ${versionLabel(p.version)}（${authorLabel(p.publishedBy)}${when}）`;
    return d.draft
      ? `${published}／下書き: ${versionLabel(d.draft.version)}（${authorLabel(d.draft.createdBy)}・${formatJstMinute(d.draft.updatedAt)} 保存）`
      : `${published}／下書きなし`;
  }

  protected errorOf(field: Field): string {
    return controlError(this.form.controls[field], {});
  }

  protected length(field: Field): number {
    return this.form.controls[field].value.length;
  }

  protected focused(field: Field): void {
    this.lastField.set(field);
  }

  protected setTarget(target: PreviewTarget | null): void {
    this.target.set(target);
  }

  /** A palette button: the snippet replaces the selection of the field last in focus. */
  protected insert(snippet: string): void {
    const field = this.lastField();
    const element = (
      field === 'subject' ? this.subjectInput() : this.bodyInput()
    )?.nativeElement;
    const control = this.form.controls[field];
    const value = control.value;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    control.setValue(value.slice(0, start) + snippet + value.slice(end));
    control.markAsDirty();
    if (element) {
      element.focus();
      element.setSelectionRange(start + snippet.length, start + snippet.length);
    }
  }

  /** 元に戻す: the saved text again. */
  protected revert(): void {
    const d = this.detail();
    if (d) this.fill(d);
  }

  protected restore(v: NoticeTemplateVersion): void {
    this.form.setValue({ subject: v.subject, body: v.body });
    this.form.markAsDirty();
    this.notify(
      `${versionLabel(v.version)}の内容を編集欄に読み込みました（未保存）`,
    );
  }

  protected async save(): Promise<void> {
    const d = this.detail();
    if (!d) return;
    const sent = this.form.getRawValue();
    const saved = await this.run(this.api.saveDraft(d.kind, sent), true);
    if (!saved) return;
    this.show(saved, sameText(sent, this.form.getRawValue()));
    this.notify(
      `下書きを保存しました（${versionLabel(saved.draft?.version ?? 0)}）`,
    );
  }

  protected discard(): void {
    const draft = this.detail()?.draft;
    if (!draft) return;
    this.ask(
      {
        title: '下書きを破棄しますか',
        message: `${versionLabel(draft.version)}の下書きを削除し、公開中の文面に戻します。`,
        confirmLabel: '破棄する',
      },
      (kind) => this.api.discardDraft(kind),
      '下書きを破棄しました',
    );
  }

  protected publish(): void {
    const d = this.detail();
    if (!d?.draft) return;
    this.ask(
      {
        title: `${versionLabel(d.draft.version)}を公開しますか`,
        message: `「${d.label}」の次回の送信から、この版の文面が使われます。`,
        confirmLabel: '公開する',
      },
      (kind) => this.api.publish(kind),
      `${versionLabel(d.draft.version)}を公開しました`,
    );
  }

  /** Confirms, sends, shows the answer's text and says so. */
  private ask(
    question: { title: string; message: string; confirmLabel: string },
    call: (kind: NoticeKindName) => Observable<NoticeTemplateDetail>,
    done: string,
  ): void {
    const d = this.detail();
    if (!d) return;
    confirm(this.dialog, question)
      .pipe(
        filter(Boolean),
        switchMap(() => this.run(call(d.kind), false)),
      )
      .subscribe((detail) => {
        if (detail) {
          this.show(detail);
          this.notify(done);
        }
      });
  }

  /** Sends one change; null (with the API's reasons shown) when refused. */
  private async run(
    call: Observable<NoticeTemplateDetail>,
    placeOnFields: boolean,
  ): Promise<NoticeTemplateDetail | null> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      return await firstValueFrom(call);
    } catch (error: unknown) {
      // Reasons that went under their fields are not repeated above the form.
      const { placed, unplaced } = placeOnFields
        ? showServerErrors(this.form, error)
        : { placed: 0, unplaced: [] };
      const refusal = toLoadError(error);
      this.actionError.set(
        placed === 0
          ? refusal
          : unplaced.length
            ? { message: refusal.message, reasons: unplaced }
            : null,
      );
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  /** Shows a template; its saved text goes into the form unless the user has typed since (`resetText`). */
  private show(detail: NoticeTemplateDetail, resetText = true): void {
    this.detail.set(detail);
    if (resetText) this.fill(detail);
    this.diff.set(null);
    if (detail.draft) {
      this.api.diff(detail.kind).subscribe({
        next: (diff) => this.diff.set(diff),
        error: () => undefined,
      });
    }
  }

  /** The saved text (the draft, else the version in use) into the form, unchanged (pristine). */
  private fill(detail: NoticeTemplateDetail): void {
    const saved = detail.draft ?? detail.published;
    this.form.reset(
      { subject: saved.subject, body: saved.body },
      { emitEvent: false },
    );
    if (!this.mayEdit()) this.form.disable({ emitEvent: false });
    this.text.set(this.form.getRawValue());
  }
}
