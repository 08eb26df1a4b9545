import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { CommentDialog } from '../../core/ui/comment-dialog';
import { CustomerApi } from './customer-api';

export interface CloseDialogData {
  /** `customer`: 解約 (every IB user removed too); `ib_user`: 削除 of one IB user. */
  readonly kind: 'customer' | 'ib_user';
  readonly id: string;
  /** Who, as the dialog names them (company, or name and login ID). */
  readonly target: string;
}

const REASON = {
  label: '理由',
  hint: '例: 窓口で解約届を受領 / 退職のため利用者削除の依頼',
  required: '理由を入力してください',
} as const;

const WORDING = {
  customer: {
    ...REASON,
    title: 'ご契約先を解約',
    confirm: '解約する',
    effect:
      'このご契約先を解約済みにします。すべてのIB利用者が削除済みになり、電子証明書は失効（CRLに掲載）、処理中の再発行は取り消され、通知は止まり、ログオン・更新・取得はできなくなります。元に戻せません。',
  },
  ib_user: {
    ...REASON,
    title: 'IB利用者を削除',
    confirm: '削除する',
    effect:
      'このIB利用者を削除済みにします。電子証明書は失効（CRLに掲載）、処理中の再発行は取り消され、通知は止まり、ログオン・更新・取得はできなくなります。元に戻せません。',
  },
} as const;

/**
 * 解約 / 削除 by a manager on ご契約先, with a required reason (recorded and audited); the server's
 * refusal (already closed, no permission) is shown in place; closes with what was done.
 */
@Component({
  selector: 'cd-close-dialog',
  imports: [CommentDialog],
  template: `
    <cd-comment-dialog [wording]="wording" [send]="send">
      <p class="cd-close-target" data-testid="close-target">
        {{ data.target }}
      </p>
      <p class="cd-alert cd-alert-info">{{ wording.effect }}</p>
    </cd-comment-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseDialog {
  protected readonly data = inject<CloseDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(CustomerApi);

  protected readonly wording = WORDING[this.data.kind];
  protected readonly send = (reason: string | undefined) =>
    this.data.kind === 'customer'
      ? this.api.closeCustomer(this.data.id, reason ?? '')
      : this.api.removeIbUser(this.data.id, reason ?? '');
}
