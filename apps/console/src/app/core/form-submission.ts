import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

/**
 * Sending a form: refused while it is invalid (every field then shows its error) or already on its
 * way; `submitting()` meanwhile; `error()` what `refused` made of the last failure (none while
 * sending and after a success).
 */
export class FormSubmission<E> {
  readonly submitting = signal(false);
  readonly error = signal<E | null>(null);

  /**
   * @param refused what to show for a failed `send` (and anything to undo in the form), or null
   *   when the form itself shows it.
   */
  constructor(
    private readonly form: AbstractControl,
    private readonly refused: (error: unknown) => E | null,
  ) {}

  /** Runs `send` when the form may be sent; true when it went through. */
  async submit(send: () => Promise<unknown>): Promise<boolean> {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return false;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await send();
      return true;
    } catch (error: unknown) {
      this.error.set(this.refused(error));
      return false;
    } finally {
      this.submitting.set(false);
    }
  }
}
