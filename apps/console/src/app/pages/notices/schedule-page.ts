import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { NoticeSchedule } from '@certdesk/contracts';
import { describeMilestone, noticeKindForMilestone } from '@certdesk/domain';
import { AuthService } from '../../core/auth/auth.service';
import { apiErrorReasons } from '../../core/api-error';
import { formatJstMinute } from '../../core/jst-datetime';
import { LoadError, toLoadError } from '../../core/async-state';
import { ErrorAlert } from '../../core/ui/error-alert';
import { injectNotify } from '../../core/ui/notify';
import { MILESTONE_KIND_LABELS } from './notice-labels';
import { NoticesApi } from './notices-api';
import { NoticesTabs } from './notices-tabs';

/** Which side of the expiry date a new milestone lies on. */
export type MilestoneSide = 'before' | 'on' | 'after';

/** 「10」日 + 前 → 10; 後 → −10; 当日 → 0. Null when the days are not a whole number ≥ 1. */
export function milestoneOf(days: string, side: MilestoneSide): number | null {
  if (side === 'on') return 0;
  const n = Number(days.trim());
  if (!days.trim() || !Number.isSafeInteger(n) || n < 1) return null;
  return side === 'before' ? n : -n;
}

/**
 * 通知スケジュール (`/templates/schedule`): the days before or after expiry on which the e-mails go
 * out, the post-expiry mails a manager may switch on, and the reissue-ready mail. Managers change
 * and save them; the API checks them (libs/domain) and its reasons show under the list.
 */
@Component({
  selector: 'cd-schedule-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ErrorAlert,
    NoticesTabs,
  ],
  templateUrl: './schedule-page.html',
  styleUrl: './schedule-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchedulePage {
  private readonly api = inject(NoticesApi);
  private readonly notify = injectNotify();
  private readonly auth = inject(AuthService);
  protected readonly mayEdit = computed(() => this.auth.can('settings.write'));

  protected readonly saved = signal<NoticeSchedule | null>(null);
  protected readonly loadError = signal<LoadError | null>(null);
  /** The list being edited, highest first. */
  protected readonly milestones = signal<number[]>([]);
  protected readonly reissueReady = signal(true);
  protected readonly saving = signal(false);
  /** The API's reasons for the milestones (`details[field=milestones]`). */
  protected readonly milestoneErrors = signal<string[]>([]);
  protected readonly saveError = signal<LoadError | null>(null);
  protected readonly newDays = signal('');
  protected readonly newSide = signal<MilestoneSide>('before');
  protected readonly addError = signal<string | null>(null);

  protected readonly dirty = computed(() => {
    const s = this.saved();
    return (
      !!s &&
      (s.reissueReadyEnabled !== this.reissueReady() ||
        [...s.milestones].sort((a, b) => b - a).join() !==
          this.milestones().join())
    );
  });
  protected readonly rows = computed(() =>
    this.milestones().map((m) => ({
      milestone: m,
      label: describeMilestone(m),
      mail: MILESTONE_KIND_LABELS[noticeKindForMilestone(m, this.milestones())],
    })),
  );
  /** The post-expiry mails off by default (locked out the day after, last chance before the limit). */
  protected readonly options = computed(() => {
    const options = this.saved()?.postExpiryOptions ?? [];
    const days = options.map((o) => o.milestone);
    return options.map(({ milestone, label }) => ({
      milestone,
      label,
      mail: MILESTONE_KIND_LABELS[noticeKindForMilestone(milestone, days)],
    }));
  });
  protected readonly time = formatJstMinute;

  constructor() {
    this.api.schedule().subscribe({
      next: (schedule) => this.show(schedule),
      error: (error: unknown) => this.loadError.set(toLoadError(error)),
    });
  }

  protected has(milestone: number): boolean {
    return this.milestones().includes(milestone);
  }

  protected toggle(milestone: number, on: boolean): void {
    this.set(
      on
        ? [...this.milestones(), milestone]
        : this.milestones().filter((m) => m !== milestone),
    );
  }

  protected remove(milestone: number): void {
    this.toggle(milestone, false);
  }

  protected add(): void {
    const milestone = milestoneOf(this.newDays(), this.newSide());
    if (milestone === null) {
      this.addError.set('日数は1以上の整数で入力してください');
      return;
    }
    this.addError.set(null);
    this.newDays.set('');
    // Kept even when already listed: the API says why a duplicate is refused.
    this.set([...this.milestones(), milestone]);
  }

  protected revert(): void {
    const s = this.saved();
    if (s) this.show(s);
  }

  protected save(): void {
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .updateSchedule({
        milestones: this.milestones(),
        reissueReadyEnabled: this.reissueReady(),
      })
      .subscribe({
        next: (schedule) => {
          this.saving.set(false);
          this.show(schedule);
          this.notify('通知スケジュールを保存しました');
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const reasons = apiErrorReasons(error);
          this.milestoneErrors.set(reasons);
          // Reasons show under the list; the summary only when there are none.
          this.saveError.set(reasons.length ? null : toLoadError(error));
        },
      });
  }

  private set(milestones: number[]): void {
    this.milestones.set([...milestones].sort((a, b) => b - a));
    this.milestoneErrors.set([]);
  }

  private show(schedule: NoticeSchedule): void {
    this.saved.set(schedule);
    this.milestones.set([...schedule.milestones].sort((a, b) => b - a));
    this.reissueReady.set(schedule.reissueReadyEnabled);
    this.milestoneErrors.set([]);
  }
}
