import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { StaffChangeRequestView } from '@certdesk/contracts';
import { formatJstDateTime } from '../../core/jst-datetime';
import { CommentDialog, decisionWording } from '../../core/ui/comment-dialog';
import { StaffApi, StaffChangeDecisionKind } from './staff-api';
import { staffChangeLabel } from './staff-change-labels';

export interface DecideStaffChangeData {
  readonly change: StaffChangeRequestView;
  readonly kind: StaffChangeDecisionKind;
}

const APPROVE_HINT =
  '承認するとすぐに反映されます（追加・パスワード再発行は初回ログイン用パスワードをこの画面に表示します）';

/**
 * 承認 / 却下 of a staff change by a second admin, with a comment (required to reject); the
 * server's refusal (own request, already decided) is shown in place.
 */
@Component({
  selector: 'cd-decide-staff-change-dialog',
  imports: [CommentDialog],
  template: `
    <cd-comment-dialog [wording]="wording" [send]="send">
      <dl data-testid="staff-change">
        @for (fact of facts; track fact[0]) {
          <div>
            <dt>{{ fact[0] }}</dt>
            <dd>{{ fact[1] }}</dd>
          </div>
        }
      </dl>
    </cd-comment-dialog>
  `,
  styles: `
    @use '../../core/ui/facts';
    dl {
      @include facts.box;
    }
    dl > div {
      @include facts.row;
    }
    dt {
      @include facts.label;
    }
    dd {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecideStaffChangeDialog {
  private readonly data = inject<DecideStaffChangeData>(MAT_DIALOG_DATA);
  private readonly api = inject(StaffApi);

  protected readonly wording = decisionWording(
    this.data.kind,
    '変更',
    APPROVE_HINT,
  );
  protected readonly facts: readonly (readonly [string, string])[] = [
    ['内容', staffChangeLabel(this.data.change)],
    ['対象', `${this.data.change.displayName}（${this.data.change.username}）`],
    [
      '依頼者',
      `${this.data.change.requestedBy.name}（${formatJstDateTime(this.data.change.requestedAt)}）`,
    ],
  ];
  protected readonly send = (comment: string | undefined) =>
    this.api.decideChange(this.data.change.id, this.data.kind, { comment });
}
