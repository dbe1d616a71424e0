import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import lockfile from 'proper-lockfile';
import { createPgliteDatabase, createPostgresDatabase, type Database } from './database.ts';

// Dates stay ISO strings (YYYY-MM-DD) and bigint counts become numbers, the same on both engines.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  /** postgres://… — a real PostgreSQL through a pool; otherwise the embedded PGlite. */
  databaseUrl?: string;
  /** Directory of the embedded database; 'memory://' for a throwaway one. */
  dataDir?: string;
  poolSize?: number;
}

/** Opens the embedded database (with a lock file against a second process) or a PostgreSQL pool. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
    });
    pool.on('error', () => {
      /* idle client errors are reported on the next query */
    });
    await pool.query('SELECT 1');
    return createPostgresDatabase(pool, copyStreams.from);
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (dataDir.startsWith('memory://')) {
    return createPgliteDatabase(await PGlite.create(dataDir, pgliteOptions(true)));
  }
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, { lockfilePath: join(dir, '..', `${basename(dir)}.lock`), stale: 30_000 });
  } catch {
    throw new Error(
      `数据目录 ${dir} 已被另一个惠民进程占用 / the data directory ${dir} is in use by another Huimin process`,
    );
  }
  const db = createPgliteDatabase(await PGlite.create(dir, pgliteOptions(false)));
  const close = db.close;
  return {
    ...db,
    async close() {
      await close();
      await release();
    },
  };
}

function basename(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? 'data';
}

/**
 * PGlite's start parameters plus two. In memory, relation files live in Emscripten's MEMFS, whose posix_fallocate
 * (PostgreSQL's bulk file extension) copies the whole file each time: extend by writing zeros instead. On disk,
 * shared buffers above PGlite's 128 MB keep a district's registry (~2 GB at 1.1 million persons) mostly in memory
 * rather than read page by page through Node's file system: HUIMIN_PGLITE_SHARED_BUFFERS, default 1GB.
 */
function pgliteOptions(inMemory: boolean) {
  const settings = inMemory
    ? ['file_extend_method=write_zeros']
    : [`shared_buffers=${process.env.HUIMIN_PGLITE_SHARED_BUFFERS ?? '1GB'}`];
  return { parsers: pgliteParsers, startParams: [...PGlite.defaultStartParams, ...settings.flatMap((s) => ['-c', s])] };
}

const pgliteParsers = {
  1082: (v: string) => v,
  20: (v: string) => Number(v),
};
