import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import type {
  OneTimePasswordResponse,
  StaffAccount,
  StaffChangeDecision,
  StaffChangePending,
  StaffChangeRequestView,
  StaffRoleName,
} from '@certdesk/contracts';
import { STAFF_ROLES, STAFF_ROLE_LABELS } from '@certdesk/domain';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Observable, filter, firstValueFrom, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { confirm } from '../../core/ui/confirm-dialog';
import { injectNotify } from '../../core/ui/notify';
import { TableRows } from '../../core/ui/table/table-rows';
import { CreateStaffDialog } from './create-staff-dialog';
import {
  DecideStaffChangeData,
  DecideStaffChangeDialog,
} from './decide-staff-change-dialog';
import {
  OneTimePasswordDialog,
  OneTimePasswordDialogData,
} from './one-time-password-dialog';
import { isPending, StaffApi } from './staff-api';
import { PENDING_NOTE } from './staff-change-labels';
import { StaffChangeAction, StaffChangesPanel } from './staff-changes-panel';
import { STAFF_STATUS_LABELS, staffStatus } from './staff-status';

/**
 * 職員管理 (admin): accounts, roles, enabling/disabling and one-time passwords. Granting 役席 or
 * システム管理 and resetting an admin's password wait for a second admin (承認待ちの変更).
 */
@Component({
  selector: 'cd-staff-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    StaffChangesPanel,
    TableRows,
  ],
  templateUrl: './staff-page.html',
  styleUrl: './staff-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffPage {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = injectNotify();
  protected readonly myId = inject(AuthService).session()?.staffId;

  protected readonly columns = [
    'username',
    'displayName',
    'role',
    'status',
    'actions',
  ];
  protected readonly roles = STAFF_ROLES;
  protected readonly roleLabels = STAFF_ROLE_LABELS;
  protected readonly statusLabels = STAFF_STATUS_LABELS;
  protected readonly status = staffStatus;
  protected readonly accounts = signal<StaffAccount[]>([]);
  protected readonly loadState = signal<'loading' | 'ready' | 'error'>(
    'loading',
  );
  /** The account (or pending change) whose change is being sent (its buttons wait). */
  protected readonly busyId = signal<string | null>(null);
  /** Changes waiting for a second admin, newest first. */
  protected readonly changes = signal<StaffChangeRequestView[]>([]);

  constructor() {
    this.api.list().subscribe({
      next: (accounts) => {
        this.accounts.set(accounts);
        this.loadState.set('ready');
      },
      error: () => this.loadState.set('error'),
    });
    this.api.pendingChanges().subscribe({
      next: (changes) => this.changes.set(changes),
      error: () => this.changes.set([]),
    });
  }

  /** Admins do not demote, disable or reset themselves here. */
  protected isSelf(account: StaffAccount): boolean {
    return account.id === this.myId;
  }

  protected add(): void {
    this.dialog
      .open<
        CreateStaffDialog,
        void,
        OneTimePasswordResponse | StaffChangePending
      >(CreateStaffDialog, {
        width: '480px',
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        if (isPending(created)) {
          this.pending(
            created,
            `${created.pendingChange.displayName}の追加は${PENDING_NOTE}`,
          );
        } else {
          this.accounts.update((list) => [...list, created.account]);
          this.showOneTimePassword('職員を追加しました', created);
        }
      });
  }

  protected async changeRole(
    account: StaffAccount,
    change: MatSelectChange,
  ): Promise<void> {
    const role = change.value as StaffRoleName;
    const done = await this.run(account, this.api.update(account.id, { role }));
    if (done && isPending(done)) {
      change.source.value = account.role;
      this.pending(
        done,
        `${account.displayName}の権限「${STAFF_ROLE_LABELS[role]}」への変更は${PENDING_NOTE}`,
      );
    } else if (done) {
      this.replace(done);
      this.notify(
        `${done.displayName}の権限を「${STAFF_ROLE_LABELS[role]}」に変更しました`,
      );
    } else {
      change.source.value = account.role;
    }
  }

  protected toggleDisabled(account: StaffAccount): void {
    const disable = !account.disabled;
    confirm(this.dialog, {
      title: `${account.displayName}（${account.username}）を${disable ? '無効' : '有効'}にしますか`,
      message: disable
        ? 'この職員はログインできなくなります。'
        : 'この職員は再びログインできるようになります。',
      confirmLabel: disable ? '無効にする' : '有効にする',
    })
      .pipe(
        filter(Boolean),
        switchMap(() =>
          this.run(account, this.api.update(account.id, { disabled: disable })),
        ),
      )
      .subscribe((done) => {
        if (done && !isPending(done)) {
          this.replace(done);
          this.notify(
            `${done.displayName}を${disable ? '無効' : '有効'}にしました`,
          );
        }
      });
  }

  protected resetPassword(account: StaffAccount): void {
    confirm(this.dialog, {
      title: `${account.displayName}（${account.username}）のパスワードを再発行しますか`,
      message:
        '現在のパスワードは使えなくなり、初回ログイン用のパスワードを新しく発行します。',
      confirmLabel: '再発行する',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.run(account, this.api.resetPassword(account.id))),
      )
      .subscribe((issued) => {
        if (issued && isPending(issued)) {
          this.pending(
            issued,
            `${account.displayName}のパスワード再発行は${PENDING_NOTE}`,
          );
        } else if (issued) {
          this.replace(issued.account);
          this.showOneTimePassword('パスワードを再発行しました', issued);
        }
      });
  }

  /** Always waits for a second admin; the member enrols again at the next sign-in. */
  protected resetSecondFactor(account: StaffAccount): void {
    confirm(this.dialog, {
      title: `${account.displayName}（${account.username}）の二要素認証をリセットしますか`,
      message:
        '別のシステム管理者が承認すると、登録済みのパスキー・認証アプリ・リカバリーコードがすべて削除され、ログイン中のセッションも終了します。次回ログイン時に登録し直していただきます。',
      confirmLabel: 'リセットを依頼する',
    })
      .pipe(
        filter(Boolean),
        switchMap(() =>
          this.run(account, this.api.resetSecondFactor(account.id)),
        ),
      )
      .subscribe((pending) => {
        if (pending)
          this.pending(
            pending,
            `${account.displayName}の二要素認証のリセットは${PENDING_NOTE}`,
          );
      });
  }

  /** 承認 / 却下 by this admin; an approval applies the change here at once. */
  protected decide({ change, kind }: StaffChangeAction): void {
    this.dialog
      .open<
        DecideStaffChangeDialog,
        DecideStaffChangeData,
        StaffChangeDecision
      >(DecideStaffChangeDialog, { data: { change, kind }, width: '520px' })
      .afterClosed()
      .subscribe((decision) => {
        if (!decision) return;
        this.changes.update((list) => list.filter((c) => c.id !== change.id));
        const { account, oneTimePassword } = decision;
        if (account) this.upsert(account);
        if (account && oneTimePassword) {
          this.showOneTimePassword(
            change.kind === 'create'
              ? '承認しました（職員を追加しました）'
              : '承認しました（パスワードを再発行しました）',
            { account, oneTimePassword },
          );
        } else {
          this.notify(
            `${change.displayName}の変更を${kind === 'approve' ? '承認' : '却下'}しました`,
          );
        }
      });
  }

  /** The requester withdraws their own pending change. */
  protected cancelChange(change: StaffChangeRequestView): void {
    confirm(this.dialog, {
      title: '承認待ちの依頼を取り消しますか',
      message: `${change.displayName}（${change.username}）への変更は反映されません。`,
      confirmLabel: '取り消す',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.run(change, this.api.cancelChange(change.id))),
      )
      .subscribe((done) => {
        if (done) {
          this.changes.update((list) => list.filter((c) => c.id !== change.id));
          this.notify('依頼を取り消しました');
        }
      });
  }

  /** Sends one change for `target`; null (after telling the user why) when refused. */
  private async run<T>(
    target: { id: string },
    call: Observable<T>,
  ): Promise<T | null> {
    this.busyId.set(target.id);
    try {
      return await firstValueFrom(call);
    } catch (error: unknown) {
      this.notify(apiErrorMessage(error));
      return null;
    } finally {
      this.busyId.set(null);
    }
  }

  /** A change that waits for a second admin: listed, and said so. */
  private pending(answer: StaffChangePending, message: string): void {
    if (answer.account) this.replace(answer.account);
    this.changes.update((list) => [answer.pendingChange, ...list]);
    this.notify(message);
  }

  private upsert(account: StaffAccount): void {
    if (this.accounts().some((a) => a.id === account.id)) this.replace(account);
    else this.accounts.update((list) => [...list, account]);
  }

  private replace(updated: StaffAccount): void {
    this.accounts.update((list) =>
      list.map((a) => (a.id === updated.id ? updated : a)),
    );
  }

  private showOneTimePassword(
    title: string,
    issued: OneTimePasswordResponse,
  ): void {
    this.dialog.open<OneTimePasswordDialog, OneTimePasswordDialogData>(
      OneTimePasswordDialog,
      {
        data: { title, ...issued },
        disableClose: true,
        width: '520px',
      },
    );
  }
}
