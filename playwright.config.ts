/**
 * Playwright for the e2e SPA (e2e/spa): Debian's Chromium, never `playwright install`.
 * e2e/run.sh builds the SPA (vite build → e2e/spa/dist) and starts the fake API first; run alone,
 * the `webServer` entries start both (build the SPA and install the packed package first:
 * `npm run test:e2e` does all of it).
 */
import { defineConfig } from '@playwright/test'

const apiPort = Number(process.env.E2E_API_PORT ?? 4010)
const spaPort = Number(process.env.E2E_SPA_PORT ?? 4173)

export default defineConfig({
  testDir: 'e2e/spa',
  testMatch: '*.spec.ts',
  outputDir: 'e2e/.tmp/playwright',
  reporter: [['list']],
  timeout: 30_000,
  retries: 0,
  workers: 1,
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    headless: true,
    baseURL: `http://127.0.0.1:${spaPort}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
      ],
    },
  },
  webServer: [
    {
      command: 'node_modules/.bin/tsx e2e/fixtures/server.ts',
      url: `http://127.0.0.1:${apiPort}/__stats`,
      env: { E2E_API_PORT: String(apiPort) },
      reuseExistingServer: true,
      timeout: 60_000,
    },
    {
      command: `node_modules/.bin/vite preview --config e2e/spa/vite.config.ts --port ${spaPort}`,
      url: `http://127.0.0.1:${spaPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
