import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

/** Root: the IB channel's header and the current screen. */
@Component({
  selector: 'ib-root',
  imports: [RouterOutlet],
  template: `
    <header class="ib-header">
      <span class="ib-brand">法人インターネットバンキング</span>
      <span class="ib-channel">電子証明書方式</span>
    </header>
    <main class="ib-main">
      <router-outlet />
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100%;
    }
    .ib-header {
      display: flex;
      align-items: baseline;
      gap: 16px;
      padding: 12px 24px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .ib-brand {
      font: var(--mat-sys-title-large);
    }
    .ib-channel {
      font: var(--mat-sys-label-large);
      opacity: 0.85;
    }
    .ib-main {
      max-width: 880px;
      margin: 0 auto;
      padding: 24px 16px 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
