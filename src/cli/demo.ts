import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/connection.js';
import { DataDirectoryInUseError } from '../db/data-dir-lock.js';
import { readConfig } from '../lib/config.js';
import { demoAccounts, demoOrganization, demoPassword } from './demo-data.js';
import { seedDemo } from './seed-demo.js';

// `npm run demo`: Relais on its own data directory (./data-demo unless RELAIS_DATA_DIR is set),
// filled on first run with a fictional structure, then the normal server (src/server/main.ts).
// Always the embedded database: a demo never writes into the server DATABASE_URL may name.

const seededMarker = 'demo-seeded';

function printAccounts(url: string): void {
  const width = Math.max(...demoAccounts.map((a) => a.email.length));
  const lines = [
    '',
    `Démonstration / Demo — ${demoOrganization.name}`,
    `  ${url}`,
    '',
    `Comptes de démonstration (mot de passe commun) / demo accounts (shared password): ${demoPassword}`,
    ...demoAccounts.map((a) => `  ${a.email.padEnd(width)}  ${a.label.fr} / ${a.label.en}`),
    '',
    'Données fictives ; pour repartir de zéro, arrêtez Relais et supprimez le répertoire de démonstration.',
    'Fictional data; to start over, stop Relais and delete the demo data directory.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function waitUntilServing(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function main() {
  if (process.env.DATABASE_URL) {
    console.log('[relais] démonstration : DATABASE_URL ignorée, base embarquée / demo: DATABASE_URL ignored, embedded database');
    delete process.env.DATABASE_URL;
  }
  const dataDir = path.resolve(process.env.RELAIS_DATA_DIR || './data-demo');
  process.env.RELAIS_DATA_DIR = dataDir;
  // A quiet console, so the accounts stay readable; RELAIS_LOG_LEVEL=info shows every request.
  process.env.RELAIS_LOG_LEVEL ||= 'warn';
  const config = readConfig();

  if (!fs.existsSync(path.join(dataDir, seededMarker))) {
    console.log(`[relais] préparation des données de démonstration / preparing the demo data (${dataDir})…`);
    const database = await openDatabase({ dataDir, onLog: (line) => console.log(`[relais] ${line}`) });
    try {
      const seeded = await seedDemo(database.db, config.session);
      if (!seeded) console.log('[relais] ce répertoire a déjà une structure : rien ajouté / this directory already holds a structure: nothing added');
    } finally {
      await database.close();
    }
    fs.writeFileSync(path.join(dataDir, seededMarker), `${new Date().toISOString()}\n`);
  }

  // The normal server, as `npm start` runs it, on the demo directory.
  await import('../server/main.js');
  const local = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${config.port}`;
  if (await waitUntilServing(local, 60_000)) printAccounts(config.publicUrl);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirectoryInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error('[relais] démonstration impossible / demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
