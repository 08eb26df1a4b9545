import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { LogonHeader } from '../../core/logon-header';
import { LogonState } from '../../core/logon-state';
import { RenewalStatus } from '../../core/renewal-status';

/**
 * The head of ① and ② 重要なお知らせ: the title, why the page could not load, and whose log-on
 * this is ({@link LogonState} of the page); ① adds where the renewal stands.
 */
@Component({
  selector: 'ib-notices-head',
  imports: [LogonHeader, RenewalStatus],
  template: `
    <h1 class="ib-screen-title">重要なお知らせ</h1>
    @if (state.error(); as error) {
      <div class="ib-alert ib-alert-error" role="alert">{{ error }}</div>
    }
    @if (state.me(); as me) {
      <ib-logon-header [me]="me" />
      @if (renewalStatus()) {
        <ib-renewal-status [me]="me" />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticesHead {
  protected readonly state = inject(LogonState);
  readonly renewalStatus = input(false);
}
