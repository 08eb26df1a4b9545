import type { AbstractControl, FormGroup } from '@angular/forms';
import { apiError } from './api-error';

/** Key of the error a control carries when the API refused its value (the reason is its value). */
export const SERVER_ERROR = 'server';

export interface PlacedErrors {
  /** How many reasons went under a field. */
  readonly placed: number;
  /** Reasons that belong to no control (to show above the form). */
  readonly unplaced: string[];
}

/**
 * Puts the API's field reasons (`details[{ field, reason }]`) on the controls of the same name, so
 * each shows under its field.
 */
export function showServerErrors(
  form: FormGroup,
  error: unknown,
): PlacedErrors {
  return placeReasons(form, apiError(error)?.details ?? []);
}

/**
 * Puts each `{ field, reason }` on the control of that name (e.g. a live preview's problems); a
 * field with several shows its first.
 */
export function placeReasons(
  form: FormGroup,
  reasons: readonly { field: string; reason: string }[],
): PlacedErrors {
  let placed = 0;
  const unplaced: string[] = [];
  const marked = new Set<string>();
  for (const { field, reason } of reasons) {
    const control = form.get(field);
    if (control && marked.has(field)) {
      placed++;
    } else if (control) {
      marked.add(field);
      control.setErrors({ ...control.errors, [SERVER_ERROR]: reason });
      control.markAsTouched();
      placed++;
    } else {
      unplaced.push(reason);
    }
  }
  return { placed, unplaced };
}

/**
 * The message for a control's first error: the API's reason, else `messages[errorKey]`.
 * Empty when valid (so a `<mat-error>` can always bind it).
 */
export function controlError(
  control: AbstractControl | null,
  messages: Readonly<Record<string, string>>,
): string {
  const errors = control?.errors;
  if (!errors) return '';
  const server: unknown = errors[SERVER_ERROR];
  if (typeof server === 'string') return server;
  const key = Object.keys(errors).find((k) => k in messages);
  return key ? messages[key] : '';
}
