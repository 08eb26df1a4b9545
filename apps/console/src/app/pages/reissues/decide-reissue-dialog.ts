import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { ReissueView } from '@certdesk/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { formatJstDateTime } from '../../core/jst-datetime';
import { CommentDialog, decisionWording } from '../../core/ui/comment-dialog';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import { reasonLabel } from './reissue-labels';
import { ReissueTarget } from './reissue-target';

export interface DecideReissueData {
  readonly reissue: ReissueView;
  readonly kind: ReissueDecisionKind;
}

const APPROVE_HINT =
  '承認すると現在の電子証明書は失効し、お客さまがログオン画面から取得できるようになります';

/**
 * 承認 / 却下 by a manager, with a comment (required to reject); the server's refusal (own request,
 * already decided) is shown in place; closes with the result.
 */
@Component({
  selector: 'cd-decide-reissue-dialog',
  imports: [CommentDialog, ReissueTarget],
  template: `
    <cd-comment-dialog [wording]="wording" [send]="send">
      <cd-reissue-target
        [customer]="r.customer"
        [user]="r.ibUser"
        [facts]="facts"
      />
    </cd-comment-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecideReissueDialog {
  private readonly data = inject<DecideReissueData>(MAT_DIALOG_DATA);
  private readonly api = inject(ReissueApi);

  protected readonly r = this.data.reissue;
  protected readonly wording = decisionWording(
    this.data.kind,
    '再発行',
    APPROVE_HINT,
  );
  protected readonly facts: readonly (readonly [string, string])[] = [
    ['理由', reasonLabel(this.r, inject(AuthService).policy())],
    ['本人確認', this.r.identityCheck],
    [
      '依頼者',
      `${this.r.requestedBy.name}（${formatJstDateTime(this.r.requestedAt)}）`,
    ],
  ];
  protected readonly send = (comment: string | undefined) =>
    this.api.decide(this.r.id, this.data.kind, { comment });
}
