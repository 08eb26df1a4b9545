import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { APP_TITLE } from '../page-title.strategy';

/** The centred card of the pages outside the shell (log-in, password change). */
@Component({
  selector: 'cd-auth-card',
  imports: [MatCardModule],
  template: `
    <main class="cd-auth">
      <p class="cd-auth-product">{{ productName }}</p>
      <mat-card appearance="outlined" class="cd-auth-card">
        <mat-card-header>
          <mat-card-title>
            <h1 class="cd-auth-title">{{ heading() }}</h1>
          </mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <ng-content />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .cd-auth {
      min-height: 100%;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 16px;
      padding: 32px 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .cd-auth-product {
      margin: 0;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-primary);
    }
    .cd-auth-card {
      width: min(440px, 100%);
      background: var(--mat-sys-surface);
    }
    .cd-auth-title {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthCard {
  readonly heading = input.required<string>();
  protected readonly productName = APP_TITLE;
}
