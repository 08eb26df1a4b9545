import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { LoadError } from '../async-state';

/** The API's Japanese message and its reasons (`details[].reason`), as an alert; nothing without an error. */
@Component({
  selector: 'cd-error-alert',
  template: `
    @if (error(); as e) {
      <div
        class="cd-alert cd-alert-error"
        role="alert"
        [attr.data-testid]="testId()"
      >
        {{ e.message }}
        @if (e.reasons.length) {
          <ul>
            @for (reason of e.reasons; track $index) {
              <li>{{ reason }}</li>
            }
          </ul>
        }
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorAlert {
  readonly error = input<LoadError | null>(null);
  readonly testId = input<string | null>(null);
}
