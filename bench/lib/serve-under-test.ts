// The system under test, run in its own process by bench/run.ts so that the load generator
// (autocannon, in the parent) does not share the server's event loop. It serves, on two ports of
// one process: the baseline (a bare Fastify route doing one primary-key query) and Relais itself
// (buildApp, as main.ts builds it, with the audit sealer running). It prints one line
// `READY {"baselinePort":…,"relaisPort":…}` when both listen, and stops on SIGTERM.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { createAppPool, wrapPool, type Database } from '../../src/db/connection.js';
import { createSecretBox } from '../../src/lib/secret-box.js';
import { startAuditSealer } from '../../src/modules/audit/seal-audit-chain.js';
import { buildApp } from '../../src/server/app.js';
import { serveConfigVariable, ZServeConfig, type ServeConfig } from './system-under-test.js';

async function serve(config: ServeConfig) {
  // Baseline: the least a route reading a person can do — one query by primary key, through a plain pool.
  const baselinePool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize, application_name: 'relais-bench-baseline' });
  baselinePool.on('error', () => {});
  const baseline = Fastify({ logger: false });
  baseline.get<{ Params: { personId: string } }>('/baseline/people/:personId', async (request, reply) => {
    const { rows } = await baselinePool.query<{ id: string; first_name: string }>('SELECT id, first_name FROM person WHERE organization_id = $1 AND id = $2', [
      config.organizationId,
      request.params.personId,
    ]);
    const row = rows[0];
    if (!row) return reply.status(404).send({ status: 404 });
    return { id: row.id, firstName: row.first_name };
  });

  // Relais as `npm start` runs it, minus the logs.
  const pool = createAppPool(config.databaseUrl, config.poolSize);
  const database: Database = { kind: config.kind, pool, db: wrapPool(pool), url: config.databaseUrl, close: () => pool.end() };
  // The routes measured never read a two-factor secret: a throwaway key will do.
  const secretBox = createSecretBox(crypto.randomBytes(32));
  const relais = await buildApp({ database, publicUrl: `http://127.0.0.1:${config.relaisPort}`, secretBox, logLevel: 'silent', secureCookies: 'false' });
  const sealer = startAuditSealer(database.db, (error) => console.error('[bench] audit sealing failed', error));

  await baseline.listen({ port: config.baselinePort, host: '127.0.0.1' });
  await relais.listen({ port: config.relaisPort, host: '127.0.0.1' });
  const port = (address: ReturnType<typeof relais.server.address>) => (typeof address === 'object' && address ? address.port : 0);
  process.stdout.write(`READY ${JSON.stringify({ baselinePort: port(baseline.server.address()), relaisPort: port(relais.server.address()) })}\n`);

  const stop = async () => {
    await relais.close();
    await baseline.close();
    await sealer.stop();
    await pool.end();
    await baselinePool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

serve(ZServeConfig.parse(JSON.parse(process.env[serveConfigVariable] ?? '{}'))).catch((error: unknown) => {
  console.error('[bench] the system under test could not start:', error);
  process.exit(1);
});
