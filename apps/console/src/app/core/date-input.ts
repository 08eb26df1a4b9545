import type { Provider } from '@angular/core';
import {
  MAT_DATE_LOCALE,
  MAT_NATIVE_DATE_FORMATS,
  provideNativeDateAdapter,
} from '@angular/material/core';

/**
 * Datepickers typed and shown as 2026/12/01 (ja-JP, zero-padded), whatever the browser's
 * language. Provide on the component that holds the date fields.
 */
export function provideJapaneseDateInput(): Provider[] {
  return [
    provideNativeDateAdapter({
      ...MAT_NATIVE_DATE_FORMATS,
      display: {
        ...MAT_NATIVE_DATE_FORMATS.display,
        dateInput: { year: 'numeric', month: '2-digit', day: '2-digit' },
      },
    }),
    { provide: MAT_DATE_LOCALE, useValue: 'ja-JP' },
  ];
}

/** A picked day (local midnight from the datepicker) → `YYYY-MM-DD`. */
export function toIsoDate(date: Date | null): string | undefined {
  if (!date) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` → that day at local midnight, as the datepicker holds it; null otherwise. */
export function fromIsoDate(iso: string | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
