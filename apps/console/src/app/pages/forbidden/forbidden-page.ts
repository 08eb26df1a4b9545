import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';

/** Where `permissionGuard` sends a signed-in user who opened a section their role does not have. */
@Component({
  selector: 'cd-forbidden-page',
  imports: [RouterLink, MatButtonModule],
  template: `
    <h1 class="cd-page-title">この画面を利用する権限がありません</h1>
    <p>
      ご利用の権限で使える画面はメニューに表示されています。必要な場合はシステム管理者にお問い合わせください。
    </p>
    @if (home(); as item) {
      <a mat-flat-button [routerLink]="item.path">{{ item.label }}へ移動</a>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {
  private readonly auth = inject(AuthService);
  protected readonly home = computed(() => this.auth.navItems()[0]);
}
