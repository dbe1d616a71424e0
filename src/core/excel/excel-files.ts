import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Files of Excel jobs on the server's disk between the request and the job: an upload waits for its import job
 * (and is deleted when the job ends, since it holds full ID numbers), an export waits to be downloaded. Owner-only
 * permissions; anything older than a day is swept. One server process, as the job queue assumes too.
 */
const DIR = process.env.HUIMIN_EXCEL_DIR ?? join(tmpdir(), 'huimin-excel');
const MAX_AGE_MS = 24 * 3600 * 1000;

export type ExcelFileKind = 'upload' | 'export';

export function excelFilePath(kind: ExcelFileKind, id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad excel file id');
  return join(DIR, `${kind}-${id}.xlsx`);
}

/** Writes a stream to the job file; returns its size in bytes. */
export async function saveExcelFile(kind: ExcelFileKind, id: string, input: Readable): Promise<number> {
  await mkdir(DIR, { recursive: true, mode: 0o700 });
  await sweepOldExcelFiles();
  const path = excelFilePath(kind, id);
  await pipeline(input, createWriteStream(path, { mode: 0o600 }));
  return (await stat(path)).size;
}

/** A writable job file (exports are written by the job itself). */
export async function createExcelFile(kind: ExcelFileKind, id: string) {
  await mkdir(DIR, { recursive: true, mode: 0o700 });
  await sweepOldExcelFiles();
  return createWriteStream(excelFilePath(kind, id), { mode: 0o600 });
}

export async function excelFileExists(kind: ExcelFileKind, id: string): Promise<boolean> {
  return stat(excelFilePath(kind, id)).then(
    () => true,
    () => false,
  );
}

export function openExcelFile(kind: ExcelFileKind, id: string): Readable {
  return createReadStream(excelFilePath(kind, id));
}

export async function removeExcelFile(kind: ExcelFileKind, id: string): Promise<void> {
  await rm(excelFilePath(kind, id), { force: true });
}

async function sweepOldExcelFiles(): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(DIR).catch(() => [] as string[])) {
    const path = join(DIR, name);
    const s = await stat(path).catch(() => undefined);
    if (s && now - s.mtimeMs > MAX_AGE_MS) await rm(path, { force: true });
  }
}
