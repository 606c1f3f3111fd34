import { openDatabase } from '../db/connection.js';
import { readConfig } from '../lib/config.js';
import { sealAuditChain } from '../modules/audit/seal-audit-chain.js';
import { verifyAuditChain, type ChainProblemKind } from '../modules/audit/verify-audit-chain.js';

// `npm run audit:verify`: walks every organization's audit chain and names the first altered or
// missing event. Works on the embedded database of RELAIS_DATA_DIR (even while Relais runs) or on
// DATABASE_URL. Exit code 0 when the chain is intact, 1 when it is not, 2 when it could not run.
const explanations: Record<ChainProblemKind, string> = {
  missing_link: 'un maillon de la chaîne manque / a link of the chain is missing',
  broken_link: 'un maillon ne pointe plus vers le précédent / a link no longer points at the previous one',
  missing_event: 'un événement scellé a disparu / a sealed event is gone',
  altered_event: 'un événement a été modifié après scellement / an event was altered after sealing',
  head_mismatch: 'la tête de chaîne enregistrée ne correspond pas / the recorded chain head does not match',
  unchained_event: 'un événement ancien n’est pas dans la chaîne / an old event is not in the chain',
};

async function main(): Promise<number> {
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, attachIfRunning: true });
  try {
    await sealAuditChain(database.db); // link what finished transactions wrote, so little is left pending
    const started = performance.now();
    const report = await verifyAuditChain(database.db);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(report.verified / seconds) : report.verified;
    console.log(`Organisations / organizations: ${report.organizations}`);
    console.log(`Événements vérifiés / events verified: ${report.verified} (${seconds.toFixed(2)} s, ${rate} événements/s)`);
    console.log(`En attente de scellement / not yet sealed: ${report.pending}`);
    if (report.ok) {
      console.log('Chaîne d’audit intacte. / Audit chain intact.');
      return 0;
    }
    const p = report.firstProblem!;
    console.error(`ALERTE / ALERT: ${explanations[p.kind]}`);
    console.error(`  organisation ${p.organizationId}, maillon / link ${p.seq ?? '-'}, événement / event ${p.eventId ?? '-'}`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Vérification impossible / verification failed:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
