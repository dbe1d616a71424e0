import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedAccess } from '../../src/db/seed/access-seed.ts';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/platform.ts';
import { buildApp } from '../../src/server/app.ts';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

const ADMIN_URL = process.env.HUIMIN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated database of the given engine; PostgreSQL ones are created and dropped per test file. */
export async function createTestDatabase(engine: Engine): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `huimin_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ databaseUrl: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), poolSize: 10 });
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export interface TestPlatform {
  db: Database;
  platform: Platform;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Platform + HTTP app on a fresh database with roles and the demo organisations and users. */
export async function createTestPlatform(
  engine: Engine,
  options: Partial<PlatformOptions> = {},
): Promise<TestPlatform> {
  const { db, drop } = await createTestDatabase(engine);
  await seedAccess(db, true);
  const platform = createPlatform(db, {
    encKey: Buffer.alloc(16, 7),
    indexKey: Buffer.alloc(32, 9),
    sms: { send: async () => {} },
    ...options,
  });
  const app = await buildApp(platform, { webDir: '/nonexistent' });
  return {
    db,
    platform,
    app,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** Signs in through the API and returns the session cookie header value. */
/**
 * First sign-in of a user an administrator created: the API refuses everything but me/password/logout until the
 * initial password is changed (等保: 首次登录修改初始密码). Signs in, changes it and returns the new password.
 */
export async function changeInitialPassword(app: FastifyInstance, username: string, initialPassword: string) {
  const cookie = await login(app, username, initialPassword);
  const newPassword = `${initialPassword}-Chg9`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: { cookie },
    payload: { oldPassword: initialPassword, newPassword },
  });
  if (res.statusCode >= 300) throw new Error(`password change for ${username} failed: ${res.statusCode} ${res.body}`);
  return newPassword;
}

export async function login(app: FastifyInstance, username: string, password = 'Huimin@2026'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hm_session');
  if (!cookie) throw new Error('no session cookie');
  return `hm_session=${cookie.value}`;
}
