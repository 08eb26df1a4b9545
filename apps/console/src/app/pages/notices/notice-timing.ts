import { InjectionToken } from '@angular/core';

/** How long the editor waits after the last keystroke before asking for a preview (ms). */
export const PREVIEW_DEBOUNCE_MS = new InjectionToken<number>(
  'PREVIEW_DEBOUNCE_MS',
  { factory: () => 400 },
);

/** How often a running notice run's progress is asked for (ms). */
export const RUN_POLL_MS = new InjectionToken<number>('RUN_POLL_MS', {
  factory: () => 1000,
});
