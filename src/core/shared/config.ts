import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  production: boolean;
  demo: boolean;
  encKey: Buffer;
  indexKey: Buffer;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  seedPersons: number;
}

/**
 * Settings from the environment. The SM4 and blind-index keys never live in the database: they come from
 * HUIMIN_SM4_KEY / HUIMIN_INDEX_KEY (hex) or a key file (HUIMIN_KEY_FILE, default ./config/huimin-keys.json,
 * created on first start outside production).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const keys = loadKeys(env, production);
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.HUIMIN_DATA_DIR ?? './data/pglite'),
    production,
    demo: env.HUIMIN_DEMO !== '0' && !production,
    encKey: keys.encKey,
    indexKey: keys.indexKey,
    sessionIdleMinutes: Number(env.HUIMIN_SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.HUIMIN_SESSION_ABSOLUTE_HOURS ?? 12),
    seedPersons: Number(env.HUIMIN_SEED_PERSONS ?? 100_000),
  };
}

function loadKeys(env: NodeJS.ProcessEnv, production: boolean): { encKey: Buffer; indexKey: Buffer } {
  if (env.HUIMIN_SM4_KEY && env.HUIMIN_INDEX_KEY) {
    return { encKey: Buffer.from(env.HUIMIN_SM4_KEY, 'hex'), indexKey: Buffer.from(env.HUIMIN_INDEX_KEY, 'hex') };
  }
  const file = resolve(env.HUIMIN_KEY_FILE ?? './config/huimin-keys.json');
  if (!existsSync(file)) {
    if (production) throw new Error(`no keys: set HUIMIN_SM4_KEY and HUIMIN_INDEX_KEY or provide ${file}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ sm4: randomBytes(16).toString('hex'), index: randomBytes(32).toString('hex') }, null, 2),
      { mode: 0o600 },
    );
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { sm4: string; index: string };
  return { encKey: Buffer.from(parsed.sm4, 'hex'), indexKey: Buffer.from(parsed.index, 'hex') };
}
