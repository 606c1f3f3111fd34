import type pg from 'pg';

/** One column of a COPY: its name, and its value as PostgreSQL's text input for the column's type (null: NULL). */
export interface CopyColumn<Row> {
  name: string;
  value: (row: Row) => string | number | boolean | null;
}

// COPY's text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const needsEscape = /[\\\t\n\r]/;
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return needsEscape.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/**
 * A `COPY … FROM STDIN` as node-postgres runs custom queries (the submittable interface that
 * pg-copy-streams uses, without the dependency): the data is already in memory, sent in chunks once
 * the server asks for it.
 */
class CopyIn {
  callback: ((error: Error | null) => void) | null = null;
  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {}

  submit(connection: { query: (text: string) => void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk: (chunk: Buffer) => void; endCopyFrom: () => void }): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleError(error: Error): void {
    const callback = this.callback;
    this.callback = null;
    callback?.(error);
  }

  handleReadyForQuery(): void {
    const callback = this.callback;
    this.callback = null;
    callback?.(null);
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

/** Runs one COPY of the given rows and waits until the server has them. */
export function copyRows<Row>(client: pg.Client | pg.PoolClient, table: string, columns: readonly CopyColumn<Row>[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  for (const row of rows) {
    let line = field(columns[0]!.value(row));
    for (let c = 1; c < columns.length; c++) line += `\t${field(columns[c]!.value(row))}`;
    lines.push(line);
    if (lines.length === 2_000) {
      chunks.push(Buffer.from(`${lines.join('\n')}\n`));
      lines = [];
    }
  }
  if (lines.length) chunks.push(Buffer.from(`${lines.join('\n')}\n`));
  const copy = new CopyIn(`COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN`, chunks);
  return new Promise<void>((resolve, reject) => {
    copy.callback = (error) => (error ? reject(error) : resolve());
    // node-postgres's types do not describe submittables; the runtime accepts any object with submit().
    (client as unknown as { query: (q: CopyIn) => unknown }).query(copy);
  });
}

/**
 * Streams rows into several tables through COPY, one batch per table at a time and in the order
 * the tables were flushed (so a batch of children lands after the batch of parents it refers to),
 * while the caller prepares the next batches: at most one COPY is in flight on the connection.
 */
export class CopyPipeline {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private pending = 0;

  constructor(private readonly client: pg.Client | pg.PoolClient) {}

  /** Queues a COPY of these rows; resolves when the batch before it has landed (back-pressure: one batch queued behind the one in flight). */
  async write<Row>(table: string, columns: readonly CopyColumn<Row>[], rows: readonly Row[], onWritten?: (rows: number) => void): Promise<void> {
    if (this.failure) throw this.failure;
    if (rows.length === 0) return;
    const previous = this.chain;
    this.pending++;
    this.chain = previous.then(async () => {
      if (this.failure) return;
      try {
        await copyRows(this.client, table, columns, rows);
        onWritten?.(rows.length);
      } catch (error) {
        this.failure = error;
      } finally {
        this.pending--;
      }
    });
    if (this.pending > 2) await previous;
    if (this.failure) throw this.failure;
  }

  /** Waits for every queued COPY. */
  async close(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }
}
