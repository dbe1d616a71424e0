import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { seedDemoCases } from '../../src/db/seed/case-seed.ts';
import { seedPopulation } from '../../src/db/seed/population-seed.ts';
import type { PlatformOptions } from '../../src/platform.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestPlatform, type Engine, type TestPlatform } from './test-platform.ts';

export const CHROMIUM = process.env.HUIMIN_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = 'test-results/screenshots';

/** Flags that keep Debian's Chromium quiet on a machine without internet access. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (see .ci/run)`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export interface RunningServer extends TestPlatform {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** The real app with the built web apps, a small demo population of both demo townships and demo cases. */
export async function startServer(
  engine: Engine = 'pglite',
  persons = 3000,
  options: Partial<PlatformOptions> = {},
): Promise<RunningServer> {
  if (!existsSync('dist/web/admin/index.html')) throw new Error('web apps not built: run `npm run build:web` first');
  const t = await createTestPlatform(engine, options);
  await seedPopulation(t.db, t.platform.cipher, { regionPrefix: ['500156003', '500156101'], persons, seed: 11 });
  await seedDemoCases(t.platform);
  await t.app.close();
  const app = await buildApp(t.platform, { webDir: 'dist/web' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    ...t,
    app,
    baseUrl,
    stop: async () => {
      await app.close();
      await t.close();
    },
  };
}
