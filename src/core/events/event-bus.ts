import type { Database, Queryable } from '../../db/database.ts';

export interface DomainEvent<T = Record<string, unknown>> {
  id: number;
  type: string;
  payload: T;
  regionCode: string | null;
  createdAt: string;
}

/** Handlers must be idempotent: delivery is at least once (a crash between handling and marking repeats it). */
export type EventHandler = (event: DomainEvent, db: Database) => Promise<void>;

/** Writes a domain event in the caller's transaction (outbox), so it exists exactly when the change does. */
export async function emitEvent(
  tx: Queryable,
  type: string,
  payload: Record<string, unknown>,
  regionCode: string | null = null,
): Promise<void> {
  await tx.query('INSERT INTO event_outbox (type, payload, region_code) VALUES ($1, $2, $3)', [
    type,
    JSON.stringify(payload),
    regionCode,
  ]);
}

/** In-process subscribers fed from the outbox; each (event, subscriber) delivery is recorded once it succeeds. */
export class EventBus {
  private readonly db: Database;
  private readonly subscribers = new Map<string, { type: string; handler: EventHandler }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(db: Database) {
    this.db = db;
  }

  /** Registers a named subscriber; the name keys its delivery records, so keep it stable. */
  subscribe(name: string, type: string, handler: EventHandler): void {
    this.subscribers.set(name, { type, handler });
  }

  /** Delivers pending events once; returns how many events were fully dispatched. Safe to call concurrently. */
  dispatchPending(limit = 200): Promise<number> {
    if (!this.running) {
      this.running = this.dispatch(limit).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.dispatchPending().catch(() => {});
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async dispatch(limit: number): Promise<number> {
    const { rows } = await this.db.query<{
      id: number;
      type: string;
      payload: Record<string, unknown>;
      region_code: string | null;
      created_at: Date | string;
    }>(
      'SELECT id, type, payload, region_code, created_at FROM event_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT $1',
      [limit],
    );
    let done = 0;
    for (const row of rows) {
      const event: DomainEvent = {
        id: Number(row.id),
        type: row.type,
        payload: row.payload,
        regionCode: row.region_code,
        createdAt: new Date(row.created_at).toISOString(),
      };
      const delivered = new Set(
        (
          await this.db.query<{ subscriber: string }>(
            'SELECT subscriber FROM event_delivery WHERE event_id = $1 AND delivered_at IS NOT NULL',
            [event.id],
          )
        ).rows.map((r) => r.subscriber),
      );
      let allOk = true;
      for (const [name, sub] of this.subscribers) {
        if (sub.type !== event.type && sub.type !== '*') continue;
        if (delivered.has(name)) continue;
        try {
          await sub.handler(event, this.db);
          await this.db.query(
            `INSERT INTO event_delivery (event_id, subscriber, delivered_at, attempts) VALUES ($1, $2, now(), 1)
             ON CONFLICT (event_id, subscriber) DO UPDATE SET delivered_at = now(), attempts = event_delivery.attempts + 1`,
            [event.id, name],
          );
        } catch (err) {
          allOk = false;
          await this.db.query(
            `INSERT INTO event_delivery (event_id, subscriber, attempts, last_error) VALUES ($1, $2, 1, $3)
             ON CONFLICT (event_id, subscriber) DO UPDATE SET attempts = event_delivery.attempts + 1, last_error = $3`,
            [event.id, name, err instanceof Error ? err.message : String(err)],
          );
        }
      }
      if (allOk) {
        await this.db.query('UPDATE event_outbox SET dispatched_at = now() WHERE id = $1', [event.id]);
        done++;
      }
    }
    return done;
  }
}
