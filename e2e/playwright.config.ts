import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The real server on a fresh temporary database (an SQLite file, or the
// PostgreSQL database named by E2E_DB), serving the built SPA.
const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 18080);
// Made once by the runner and inherited by its workers, so that a test can
// run the server's subcommands on the same database (license.spec.ts rotates
// the signing key).
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
const serverBin = process.env.E2E_SERVER ?? path.join(root, 'target', 'debug', 'server');
process.env.E2E_SERVER = serverBin;
// E2E_BASE_URL: a portal already running (scripts/cluster.sh's nginx, with
// demo data on a fresh database); no server is started then.
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
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
  projects: [
    { name: 'mobile', use: { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: process.env.E2E_BASE_URL ? undefined : {
    command: serverBin,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORTAL_ADDR: `127.0.0.1:${port}`,
      PORTAL_DB: process.env.E2E_DB ?? path.join(dataDir, 'portal.db'),
      PORTAL_UPLOADS: path.join(dataDir, 'uploads'),
      PORTAL_DIST: path.join(root, 'dist'),
      PORTAL_DEMO: '1',
      // A generated hospital (admin_big) for tests/hospital.spec.ts.
      PORTAL_DEMO_STAFF: '300',
    },
  },
});
