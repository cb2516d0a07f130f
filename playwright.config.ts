import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Browser tests run the built app (vite build + preview) in real Chromium. On the team's machines
 * that is Debian's /usr/bin/chromium (no browser download possible); CHROMIUM_PATH overrides it,
 * and where neither exists Playwright's own Chromium is used.
 */
const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const executablePath = existsSync(system) ? system : undefined;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // gives WebGPU where there is no GPU (Debian's Chromium then runs it on SwiftShader, a CPU Vulkan); harmless on a real GPU
  '--enable-unsafe-webgpu',
];

/** PW_PORT: another port for the preview server, so that two checkouts can run their tests side by side */
const port = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 1000 },
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
