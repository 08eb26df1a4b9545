import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import type {
  OneTimePasswordResponse,
  StaffAccount,
  StaffRoleName,
} from '@certdesk/contracts';
import { STAFF_ROLES, STAFF_ROLE_LABELS } from '@certdesk/domain';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Observable, filter, firstValueFrom, switchMap } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { confirm } from '../../core/ui/confirm-dialog';
import { CreateStaffDialog } from './create-staff-dialog';
import {
  OneTimePasswordDialog,
  OneTimePasswordDialogData,
} from './one-time-password-dialog';
import { StaffApi } from './staff-api';
import { STAFF_STATUS_LABELS, staffStatus } from './staff-status';

/** 職員管理 (admin): accounts, roles, enabling/disabling and one-time passwords. */
@Component({
  selector: 'cd-staff-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
  ],
  templateUrl: './staff-page.html',
  styleUrl: './staff-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffPage {
  private readonly api = inject(StaffApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly myId = inject(AuthService).session()?.staffId;

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
  /** The account whose change is being sent (its buttons wait). */
  protected readonly busyId = signal<string | null>(null);

  constructor() {
    // A message about this page's change does not follow the user elsewhere (e.g. after log-out).
    inject(DestroyRef).onDestroy(() => this.snackBar.dismiss());
    this.api.list().subscribe({
      next: (accounts) => {
        this.accounts.set(accounts);
        this.loadState.set('ready');
      },
      error: () => this.loadState.set('error'),
    });
  }

  /** Admins do not demote, disable or reset themselves here. */
  protected isSelf(account: StaffAccount): boolean {
    return account.id === this.myId;
  }

  protected add(): void {
    this.dialog
      .open<CreateStaffDialog, void, OneTimePasswordResponse>(
        CreateStaffDialog,
        {
          width: '480px',
        },
      )
      .afterClosed()
      .subscribe((created) => {
        if (created) {
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
    if (done) {
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
        if (done) {
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
        if (issued) {
          this.replace(issued.account);
          this.showOneTimePassword('パスワードを再発行しました', issued);
        }
      });
  }

  /** Sends one change for `account`; null (after telling the user why) when refused. */
  private async run<T>(
    account: StaffAccount,
    call: Observable<T>,
  ): Promise<T | null> {
    this.busyId.set(account.id);
    try {
      return await firstValueFrom(call);
    } catch (error: unknown) {
      this.notify(apiErrorMessage(error));
      return null;
    } finally {
      this.busyId.set(null);
    }
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

  private notify(message: string): void {
    this.snackBar.open(message, '閉じる', { duration: 6000 });
  }
}
