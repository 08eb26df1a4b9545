import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { toLoadError } from '../../core/async-state';
import { FormSubmission } from '../../core/form-submission';
import { AuthService } from '../../core/auth/auth.service';
import { AuthCard } from '../../core/ui/auth-card';
import { ErrorAlert } from '../../core/ui/error-alert';

/** The API's own minimum; it also refuses common passwords and ones containing the username. */
export const MIN_PASSWORD_LENGTH = 12;

/** On the confirmation field: equal to its sibling `newPassword`. */
function matchesNewPassword(control: AbstractControl): ValidationErrors | null {
  const newPassword = control.parent?.get('newPassword')?.value as unknown;
  return control.value && control.value !== newPassword
    ? { mismatch: true }
    : null;
}

/** パスワード変更: forced after an admin created or reset the account, or chosen by the user. */
@Component({
  selector: 'cd-password-page',
  imports: [
    ErrorAlert,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    AuthCard,
  ],
  templateUrl: './password-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly forced = computed(
    () => this.auth.session()?.mustChangePassword ?? false,
  );
  protected readonly homeUrl = this.auth.homeUrl;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: [
      '',
      [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
    ],
    confirmPassword: ['', [Validators.required, matchesNewPassword]],
  });
  private readonly submission = new FormSubmission(this.form, toLoadError);
  protected readonly submitting = this.submission.submitting;
  protected readonly error = this.submission.error;

  constructor() {
    const { newPassword, confirmPassword } = this.form.controls;
    newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => confirmPassword.updateValueAndValidity());
  }

  protected async submit(): Promise<void> {
    const changed = await this.submission.submit(() => {
      const { currentPassword, newPassword } = this.form.getRawValue();
      return this.auth.changePassword({ currentPassword, newPassword });
    });
    if (changed) await this.router.navigateByUrl(this.auth.homeUrl());
  }

  protected async logout(): Promise<void> {
    await this.auth.logout().catch(() => undefined);
    await this.router.navigate(['/login'], {
      queryParams: { reason: 'logout' },
    });
  }
}
