import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Placeholder for a screen of a later release; the heading comes from route data. */
@Component({
  selector: 'cd-coming-soon-page',
  template: `
    <h1 class="cd-page-title">{{ heading() }}</h1>
    <p>この画面は今後のリリースで提供予定です。</p>
  `,
  styles: `
    .cd-page-title {
      font: var(--mat-sys-headline-small);
      margin: 0 0 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComingSoonPage {
  /** Bound from the route's `data.heading` (withComponentInputBinding). */
  readonly heading = input.required<string>();
}
