import { type PGlite, parse, protocol } from '@electric-sql/pglite';

/**
 * Named prepared statements on PGlite. PGlite's query() parses, plans and describes every statement again and
 * crosses into WebAssembly six times per call; a statement prepared once is then bound, described and executed in
 * one protocol message (about 0.04 ms instead of 0.13 ms for a small insert, more for a planned join). The same
 * scheme as the PostgreSQL pool's named statements (database.ts), for the same reason.
 *
 * Callers hold PGlite's mutexes: run() must be called inside _runExclusiveQuery (and, outside a transaction,
 * inside _runExclusiveTransaction), as PGlite's own query paths are.
 */
export function pglitePreparedStatements(pglite: PGlite, maxStatements: number) {
  const statements = new Map<string, { name: string; paramTypes: number[] }>();
  const serialize = protocol.serialize;

  const exec = async (parts: Uint8Array[], syncToFs: boolean) => {
    const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      message.set(p, offset);
      offset += p.length;
    }
    return (await pglite.execProtocol(message, { syncToFs })).messages;
  };

  const prepare = async (text: string) => {
    const name = `h${statements.size.toString(36)}`;
    const described = await exec(
      [serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()],
      false,
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    statements.set(text, statement);
    return statement;
  };

  return {
    /** Whether run() can take this statement (a bounded number of distinct texts are kept prepared). */
    accepts(text: string): boolean {
      return statements.has(text) || statements.size < maxStatements;
    },

    /** Runs a parameterised statement, preparing it on first use; errors are PostgreSQL's (code, constraint). */
    async run<T>(text: string, params: unknown[], syncToFs: boolean): Promise<{ rows: T[]; rowCount: number }> {
      const statement = statements.get(text) ?? (await prepare(text));
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = pglite.serializers[statement.paramTypes[i]];
        return serializer ? serializer(value) : String(value);
      });
      const messages = await exec(
        [
          serialize.bind({ statement: statement.name, values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
          serialize.sync(),
        ],
        syncToFs,
      );
      const [result] = parse.parseResults(messages, pglite.parsers);
      return { rows: result.rows as T[], rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}
