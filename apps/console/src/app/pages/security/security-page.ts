import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type {
  EnrolmentResult,
  SecondFactorOverview,
  SecondFactorPolicyName,
  TotpEnrolment,
} from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth/auth.service';
import {
  passkeysSupported,
  SecondFactorApi,
} from '../../core/auth/second-factor-api';
import { formatJstMinute } from '../../core/jst-datetime';
import { confirm } from '../../core/ui/confirm-dialog';

export const POLICY_LABELS: Record<SecondFactorPolicyName, string> = {
  off: '必須にしない（デモ環境のみ）',
  managers: '役席・システム管理は必須',
  all: '全職員必須',
};

/**
 * パスワード・認証設定: the caller's passkeys (name, registered, last used, remove), the one-time
 * codes of an authenticator app (QR code and a confirming code), recovery codes (shown once) and,
 * for a manager, the credit union's policy. A member who must enrol lands here after the password.
 */
@Component({
  selector: 'cd-security-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './security-page.html',
  styleUrl: './security-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityPage {
  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

  protected readonly overview = signal<SecondFactorOverview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly totp = signal<TotpEnrolment | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly passkeysSupported = passkeysSupported();
  protected readonly mustEnrol = computed(
    () => this.auth.session()?.secondFactor.state === 'enrolment_required',
  );
  protected readonly mayChangePolicy = computed(() =>
    this.auth.can('settings.write'),
  );
  protected readonly policyLabels = POLICY_LABELS;
  protected readonly policies: SecondFactorPolicyName[] = [
    'managers',
    'all',
    'off',
  ];
  protected readonly homeUrl = this.auth.homeUrl;
  protected passkeyName = '';
  protected totpCode = '';
  protected policy: SecondFactorPolicyName = 'managers';

  constructor() {
    void this.load();
  }

  protected when(iso: string | null): string {
    return iso ? formatJstMinute(new Date(iso)) : '—';
  }

  protected registerPasskey(): Promise<void> {
    return this.run(async () => {
      this.enrolled(
        await this.api.registerPasskey(this.passkeyName.trim() || 'パスキー'),
      );
      this.passkeyName = '';
    });
  }

  protected startTotp(): Promise<void> {
    return this.run(async () => this.totp.set(await this.api.startTotp()));
  }

  protected confirmTotp(): Promise<void> {
    return this.run(async () => {
      this.enrolled(await this.api.confirmTotp(this.totpCode.trim()));
      this.totp.set(null);
      this.totpCode = '';
    });
  }

  protected async remove(id: string, name: string): Promise<void> {
    const ok = await firstValueFrom(
      confirm(this.dialog, {
        title: '認証方法の削除',
        message: `「${name}」を削除します。削除した認証方法ではログインできなくなります。`,
        confirmLabel: '削除する',
      }),
    );
    if (!ok) return;
    await this.run(async () => {
      this.auth.setSecondFactor(await this.api.remove(id));
    });
  }

  protected regenerate(): Promise<void> {
    return this.run(async () => {
      const result = await this.api.regenerateRecoveryCodes();
      this.recoveryCodes.set(result.recoveryCodes ?? null);
    });
  }

  protected savePolicy(): Promise<void> {
    return this.run(async () => {
      this.overview.set(await this.api.setPolicy(this.policy));
    }, false);
  }

  /** The codes were noted down: they are not shown again; a forced enrolment continues to the console. */
  protected async codesNoted(): Promise<void> {
    this.recoveryCodes.set(null);
    if (this.router.url.startsWith('/security') && this.cameFromEnrolment) {
      this.cameFromEnrolment = false;
      await this.router.navigateByUrl(this.auth.homeUrl());
    }
  }

  private cameFromEnrolment = false;

  private enrolled(result: EnrolmentResult): void {
    this.cameFromEnrolment = this.mustEnrol();
    this.auth.setSecondFactor(result.status);
    if (result.recoveryCodes) this.recoveryCodes.set(result.recoveryCodes);
  }

  private async run(work: () => Promise<void>, reload = true): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      if (reload) await this.load();
    } catch (error: unknown) {
      this.error.set(
        error instanceof Error && error.name === 'NotAllowedError'
          ? 'パスキーの登録が完了しませんでした。もう一度お試しください。'
          : error instanceof Error && error.name === 'InvalidStateError'
            ? 'このパスキーは登録済みです。'
            : apiErrorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const overview = await this.api.overview();
      this.overview.set(overview);
      this.policy = overview.policy;
      this.auth.setSecondFactor(overview.status);
    } catch (error: unknown) {
      this.error.set(apiErrorMessage(error));
    }
  }
}
