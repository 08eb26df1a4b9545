import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** JIS X 8341-3 follows WCAG 2.x AA: axe-core's rules for those levels. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core on the page as it is now: no serious or critical violation. Failures name each rule,
 * its help text and the first offending elements, so the report says what to fix.
 */
export async function expectAccessible(
  page: Page,
  screen: string,
): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const blocking = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  expect(blocking, `axe-core on ${screen}`).toEqual([]);
}
