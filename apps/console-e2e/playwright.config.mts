import { defineConfig, devices } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';

/**
 * E2E against the real stack: tools/e2e-server.mjs starts the built API on :3100 with a fresh SQLite
 * database, demo data and a clock fixed at 2026-12-01T09:00:00+09:00; the API serves the built console at /.
 * The `e2e` target builds api and console first (see project.json).
 */
const baseURL = 'http://127.0.0.1:3100';

export default defineConfig({
  ...nxE2EPreset(import.meta.dirname, { testDir: './src' }),
  outputDir: '../../dist/.playwright/apps/console-e2e/test-output',
  reporter: [
    ['list'],
    ['json', { outputFile: '../../dist/test-results/playwright.json' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'node tools/e2e-server.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env['CI'],
    cwd: workspaceRoot,
    timeout: 120_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
