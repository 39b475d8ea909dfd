import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is not used (nor reachable on CI).
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const onCi = process.env['CI'] === 'true';

if (!existsSync(CHROMIUM)) {
  const how = `no Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium fonts-liberation"`;
  if (onCi) {
    throw new Error(`The end-to-end tests are required on CI, but ${how}.`);
  }
  console.warn(`Skipping the web UI's end-to-end tests: ${how}.`);
  process.exit(0);
}

// Chosen once by the runner and inherited by its workers, which read this file again.
process.env['E2E_PORT'] ??= freePort();
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'boxoffice-e2e-'));
const port = process.env['E2E_PORT'];
const boxoffice = process.env['BOXOFFICE_BIN'] ?? resolve(__dirname, '../.venv/bin/boxoffice');

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/teardown.ts',
  fullyParallel: false,
  forbidOnly: onCi,
  retries: 0,
  workers: 1, // the machines running this are shared: one browser at a time
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    timezoneId: 'Asia/Kolkata',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The real server on a fresh SQLite database, serving this build under /ui/.
    command: `"${boxoffice}" serve --demo --port ${port}`,
    url: `http://127.0.0.1:${port}/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      BOXOFFICE_DATABASE_URL: `sqlite+aiosqlite:///${join(process.env['E2E_DATA_DIR'], 'e2e.db')}`,
      BOXOFFICE_WEB_DIR: resolve(__dirname, 'dist'),
      BOXOFFICE_LOGIN_RATE_LIMIT: '1000',
    },
  },
});

/** A port nothing listens on now: the server binds with SO_REUSEPORT, so a taken one would not fail. */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}
