import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/**
 * The portal's waiting line: the spinner (処理中) and the sentence projected into it, laid out by
 * `.ib-progress` (styles.scss). Give it `role="status"` where the wait is announced.
 */
@Component({
  selector: 'ib-progress',
  imports: [MatProgressSpinnerModule],
  host: { class: 'ib-progress' },
  template: `<mat-spinner diameter="32" aria-label="処理中" /><span
      ><ng-content
    /></span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Progress {}
