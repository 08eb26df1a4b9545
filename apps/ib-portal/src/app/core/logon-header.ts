import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { IB_ROLE_LABELS } from '@certdesk/domain';
import type { IbMe } from '@certdesk/contracts';
import { formatJapaneseDateOrAsIs } from './jst-format';

/** Whose log-on this is: company, user, role and the certificate's expiry date. */
@Component({
  selector: 'ib-logon-header',
  template: `
    <dl class="ib-fields" data-testid="logon-header">
      <dt>ご契約先</dt>
      <dd>{{ me().customer.companyName }}</dd>
      <dt>{{ role() }}</dt>
      <dd>{{ me().ibUser.name }}（{{ me().ibUser.loginId }}）</dd>
      <dt>電子証明書の有効期限日</dt>
      <dd data-testid="logon-expiry">{{ expiry() }}</dd>
    </dl>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogonHeader {
  readonly me = input.required<IbMe>();

  protected readonly role = computed(
    () => IB_ROLE_LABELS[this.me().ibUser.ibRole],
  );
  protected readonly expiry = computed(() =>
    formatJapaneseDateOrAsIs(this.me().certificate.expiryDate),
  );
}
