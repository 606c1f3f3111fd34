import type pg from 'pg';

/** One column of a bulk insert: its name, its PostgreSQL type, and how to read it from a row. */
export interface Column<Row> {
  name: string;
  type: string;
  value: (row: Row) => string | number | boolean | null;
  /** SQL turning the JSON field (text) into the column's value, when a cast from text is not it. */
  fromJson?: (field: string) => string;
}

/** For a timestamptz given as milliseconds since the epoch: cheaper than formatting a million ISO dates. */
export const fromEpochMs = (field: string): string => `to_timestamp(${field}::float8 / 1000)`;

/**
 * Inserts rows in large batches, one statement per batch: the batch travels as one JSON array of
 * rows that `jsonb_array_elements` turns back into rows. No 65,535-parameter limit, and measured
 * here 1.5 to 1.8 times faster than one array parameter per column with `unnest` (JSON.stringify
 * is native; node-postgres builds array literals in JavaScript). While a batch is being written
 * the caller prepares the next: at most one batch is in flight, which bounds memory.
 */
export class BulkWriter<Row> {
  private buffer: Row[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  // A failed batch is kept here and rethrown by the next call (never left as an unhandled rejection).
  private failure: unknown = null;
  private readonly statement: string;
  written = 0;

  constructor(
    private readonly client: pg.Client | pg.PoolClient,
    table: string,
    private readonly columns: readonly Column<Row>[],
    private readonly options: { batchSize?: number; onWritten?: (rows: number) => void } = {},
  ) {
    const names = columns.map((c) => c.name).join(', ');
    const fields = columns.map((c, i) => (c.fromJson ? c.fromJson(`(r->>${i})`) : `(r->>${i})::${c.type}`)).join(', ');
    this.statement = `INSERT INTO ${table} (${names}) SELECT ${fields} FROM jsonb_array_elements($1::jsonb) AS r`;
  }

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    if (this.buffer.length >= (this.options.batchSize ?? 5000)) await this.flush();
  }

  async addAll(rows: readonly Row[]): Promise<void> {
    for (const row of rows) await this.add(row);
  }

  /** Sends what is buffered (waiting first for the batch in flight) without waiting for it to land. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    await this.settle();
    const batch = JSON.stringify(rows.map((row) => this.columns.map((c) => c.value(row))));
    this.inFlight = this.client.query(this.statement, [batch]).then(
      () => {
        this.written += rows.length;
        this.options.onWritten?.(rows.length);
      },
      (error: unknown) => {
        this.failure = error;
      },
    );
  }

  private async settle(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure;
  }

  /** Writes the rest and waits until every row is in. */
  async close(): Promise<number> {
    await this.flush();
    await this.settle();
    return this.written;
  }
}

/** Writes all rows and waits. */
export async function insertRows<Row>(
  client: pg.Client | pg.PoolClient,
  table: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  onWritten?: (rows: number) => void,
): Promise<number> {
  const writer = new BulkWriter(client, table, columns, onWritten ? { onWritten } : {});
  await writer.addAll(rows);
  return writer.close();
}
