import { openDatabase } from '../db/connection.js';
import { DataDirectoryInUseError } from '../db/data-dir-lock.js';
import { readConfig } from '../lib/config.js';
import { createSecretBox, loadSecretKey, type LoadedSecretKey } from '../lib/secret-box.js';
import { startAuditSealer } from '../modules/audit/seal-audit-chain.js';
import { startRecordPurger } from '../modules/identity/purge-expired-records.js';
import { issueSetupLink } from '../modules/organizations/issue-setup-link.js';
import { startReminderDispatcher, type ReminderDispatcher } from '../modules/reminders/send-due-reminders.js';
import { startTrajectoryJob, type TrajectoryJob } from '../modules/trajectory/measure-weekly-intensity.js';
import { startEscalationClimber } from '../modules/escalations/climb-overdue-escalations.js';
import { buildApp } from './app.js';

const startedAt = performance.now();

async function main() {
  const config = readConfig();
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onLog: (line) => console.log(`[relais] ${line}`) });
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let secretKey: LoadedSecretKey;
  try {
    secretKey = loadSecretKey({ configuredKey: config.secretKey, dataDir: config.dataDir });
  } catch (error) {
    await database.close();
    throw error;
  }
  const secretBox = createSecretBox(secretKey.key);
  if (secretKey.created) {
    console.log(`[relais] clé de chiffrement créée / encryption key created: ${secretKey.file} — sauvegardez-la à part de la base / back it up apart from the database`);
  }
  if (secretKey.source === 'file' && database.kind === 'server') {
    // Another process on the same server would make its own key and could not read these secrets.
    console.log(`[relais] clé lue dans / key read from ${secretKey.file}: plusieurs processus Relais doivent partager RELAIS_SECRET_KEY / several Relais processes must share RELAIS_SECRET_KEY`);
  }
  const app = await buildApp({
    database,
    publicUrl: config.publicUrl,
    secretBox,
    session: config.session,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
  });
  const sealer = startAuditSealer(database.db, (error) => app.log.error({ err: error }, 'audit sealing failed'));
  const climber = startEscalationClimber(database.db, (error) => app.log.error({ err: error }, 'climbing overdue escalations failed'));
  const purger = startRecordPurger(database.db, (error) => app.log.error({ err: error }, 'purging expired records failed'), {
    onPurged: (purged) => {
      if (Object.values(purged).some((n) => n > 0)) app.log.info({ purged }, 'expired records purged');
    },
  });

  let reminders: ReminderDispatcher | null = null;
  let trajectory: TrajectoryJob | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => {
      console.error('[relais] shutdown took too long: exiting');
      process.exit(1);
    }, 20_000);
    try {
      await app.close(); // stops accepting, waits for requests in flight
      await reminders?.stop();
      await trajectory?.stop();
      await purger.stop();
      await climber.stop();
      await sealer.stop();
      await database.close(); // then the pool, then the embedded PostgreSQL
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'embedded' ? `PostgreSQL embarqué / embedded PostgreSQL (${config.dataDir})` : 'serveur PostgreSQL / PostgreSQL server (DATABASE_URL)';
  console.log(`[relais] Relais écoute sur / listening on ${config.publicUrl} — ${where} — ${Math.round(performance.now() - startedAt)} ms`);
  // Started once serving (it must not delay the first page); a failure leaves Relais running and says why.
  startReminderDispatcher({ db: database.db, secretBox, connectionString: database.url, onError: (error) => app.log.error({ err: error }, 'sending reminders failed') })
    .then((dispatcher) => {
      if (stopping) void dispatcher.stop();
      else reminders = dispatcher;
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'the reminder dispatcher could not start: reminders are not sent'));
  // The weekly autonomy figures (Monday early); like reminders, a failure to start leaves Relais serving.
  startTrajectoryJob({ db: database.db, connectionString: database.url, onError: (error) => app.log.error({ err: error }, 'measuring weekly intensity failed') })
    .then((job) => {
      if (stopping) void job.stop();
      else trajectory = job;
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'the weekly intensity job could not start'));
  const setupToken = await issueSetupLink(database.db);
  if (setupToken) {
    console.log('');
    console.log('[relais] Première configuration — ouvrez ce lien (usage unique) / First-time setup — open this one-time link:');
    console.log(`[relais]   ${config.publicUrl}/setup#${setupToken}`);
    console.log('');
  }
}

main().catch((error: unknown) => {
  console.error('[relais] démarrage impossible / could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
