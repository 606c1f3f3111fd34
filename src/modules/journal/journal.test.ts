import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisApp } from '../../server/types.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { addStaffMember, buildTestApp } from '../../test/factories.js';
import { TestClient } from '../../test/http-client.js';
import { addMinutes, admitPerson, createService, paris, setUpSchedulingStructure, type SchedulingStructure, type ServiceRef, type Staff } from '../../test/scheduling-fixtures.js';
import { journalErrorFromDatabase } from './edit-journal-entry.js';

let database: TestDatabase;
let app: RelaisApp;
let s: SchedulingStructure;
let service: ServiceRef;
/** A clinical referent (escalation:receive) on the care teams below, and one who is on none. */
let clinician: Staff;
let clinicianElsewhere: Staff;

interface Problem {
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}
interface Entry {
  id: string;
  text: string;
  kind: string;
  confidentiality: string;
  revision: number;
  authorName: string;
  canEdit: boolean;
  canAmend: boolean;
  goal: { id: string; label: string | null } | null;
  appointment: { id: string } | null;
  amendments: { text: string; reason: string; authorName: string }[];
  history?: { number: number; text: string; isAmendment: boolean }[];
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}
interface SearchResult {
  items: { id: string; personId: string; personLabel: string; kind: string; rank: number; excerpt: { text: string; mark: boolean }[] }[];
  nextOffset: number | null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  s = await setUpSchedulingStructure(app, database);
  service = await createService(s.coordinator.client);
  [clinician, clinicianElsewhere] = await Promise.all([
    addStaffMember(app, s.org, { roles: ['clinical_referent'], disciplines: ['physician'], firstName: 'Hélène', lastName: 'Dufour' }),
    addStaffMember(app, s.org, { roles: ['clinical_referent'], disciplines: ['physician'], firstName: 'Paul', lastName: 'Roux' }),
  ]);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const count = async (text: string, params: unknown[] = []) => (await database.admin.query(text, params)).rows[0].n as number;
const entriesOf = (personId: string) => count('SELECT count(*)::int AS n FROM journal_entry WHERE person_id = $1', [personId]);
const audits = (personId: string, action: string, outcome = 'success') =>
  count('SELECT count(*)::int AS n FROM audit_event WHERE person_id = $1 AND action = $2 AND outcome = $3', [personId, action, outcome]);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A person followed by the peer worker (référent), with the psychologist, the nurse and the clinician on the team. */
async function admit(extra: { firstName?: string; lastName?: string } = {}) {
  return admitPerson(s, service, { referentId: s.peerWorker.id, members: [s.psychologist.id, s.nurse.id, clinician.id], ...extra });
}

function write(client: TestClient, episodeId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return client.post<Entry & Problem>(`/api/v1/episodes/${episodeId}/journal`, { kind: 'observation', occurredAt: minutesAgo(30), ...body }, headers);
}

/** Backdates an entry behind the application's back (the trigger keeps created_at, so it is set aside for this one statement). */
async function backdate(entryId: string, hours: number) {
  await database.admin.query('BEGIN');
  await database.admin.query('SET LOCAL session_replication_role = replica');
  await database.admin.query(`UPDATE journal_entry SET created_at = created_at - make_interval(hours => $2) WHERE id = $1`, [entryId, hours]);
  await database.admin.query('COMMIT');
}

describe('writing an entry', () => {
  it('refuses an anonymous caller', async () => {
    const { personId, episodeId } = await admit();
    const reply = await new TestClient(app).post<Problem>(`/api/v1/episodes/${episodeId}/journal`, { kind: 'observation', text: 'x', occurredAt: minutesAgo(5) });
    expect(reply.status).toBe(401);
    expect(await entriesOf(personId)).toBe(0);
  });

  it('refuses a staff member outside the care team, audits the refusal and writes nothing', async () => {
    const { personId, episodeId } = await admit();
    const reply = await write(s.outsider.client, episodeId, { text: 'Je passe par là.' });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('not_care_team');
    expect(await entriesOf(personId)).toBe(0);
    expect(await audits(personId, 'journal.write', 'denied')).toBe(1);
    // An administrator manages accounts, not clinical content.
    expect((await write(s.org.admin, episodeId, { text: 'Note' })).status).toBe(403);
    expect(await entriesOf(personId)).toBe(0);
  });

  it('names each field that is wrong, in French, and writes nothing', async () => {
    const { personId, episodeId } = await admit();
    const other = await admit();
    const shape = await write(s.psychologist.client, episodeId, { kind: 'rumeur', text: '   ', occurredAt: 'hier', confidentiality: 'tout_le_monde', goalId: 'abc', extra: 1 });
    expect(shape.status).toBe(400);
    expect(shape.body.errors!.map((e) => e.field).sort()).toEqual(['body.confidentiality', 'body.extra', 'body.goalId', 'body.kind', 'body.occurredAt', 'body.text']);

    // An appointment of another person, a goal that is not in this episode's plan, a date in the future.
    const theirs = await s.psychologist.client.post<{ id: string }>('/api/v1/appointments', {
      kind: 'individual',
      serviceId: service.id,
      personId: other.personId,
      modality: 'phone',
      startsAt: paris('2027-05-03', '10:00'),
      endsAt: addMinutes(paris('2027-05-03', '10:00'), 30),
      staffIds: [s.psychologist.id],
    });
    expect(theirs.status).toBe(201);
    const rules = await write(s.psychologist.client, episodeId, {
      text: 'Appel de la personne.',
      occurredAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      goalId: '0190a0c0-0000-7000-8000-000000000001',
      appointmentId: theirs.body.id,
    });
    expect(rules.status).toBe(400);
    expect(rules.body.errors).toEqual([
      { field: 'body.occurredAt', code: 'invalid', message: 'La date ne peut pas être dans le futur : le journal rapporte ce qui s’est passé.' },
      { field: 'body.goalId', code: 'invalid', message: 'Cet objectif ne fait pas partie du projet de cette prise en charge.' },
      { field: 'body.appointmentId', code: 'invalid', message: 'Ce rendez-vous ne concerne pas cette personne.' },
    ]);
    expect(await entriesOf(personId)).toBe(0);
  });

  it('writes an entry linked to a goal of the plan and an appointment of the person, with its first revision; a retry with the same key has one effect', async () => {
    const { personId, episodeId } = await admit();
    const scale = { '-2': 'Ne sort plus', '-1': 'Sort accompagnée', '0': 'Courses seule une fois', '1': 'Courses seule deux fois', '2': 'Activité du quartier' };
    const plan = await s.peerWorker.client.post<{ versionId: string }>(`/api/v1/episodes/${episodeId}/plan/versions`, {
      basedOn: null,
      content: { goals: [{ personWording: 'Je veux refaire mes courses toute seule', domain: 'daily_autonomy', proposedBy: 'person', priority: 1, autonomyAim: 'Aller seule au marché', scale }] },
    });
    expect(plan.status).toBe(201);
    const goalId = (await s.peerWorker.client.get<{ latest: { content: { goals: { id: string }[] } } }>(`/api/v1/episodes/${episodeId}/plan`)).body.latest.content.goals[0]!.id;
    const start = paris('2027-05-04', '14:00');
    const appointment = await s.peerWorker.client.post<{ id: string }>('/api/v1/appointments', { kind: 'individual', serviceId: service.id, personId, modality: 'on_site', startsAt: start, endsAt: addMinutes(start, 45), staffIds: [s.peerWorker.id] });
    expect(appointment.status).toBe(201);

    const body = { kind: 'session_note', text: '  Courses au marché faites seule, fière d’elle.  ', goalId, appointmentId: appointment.body.id, occurredAt: minutesAgo(60) };
    const first = await write(s.peerWorker.client, episodeId, body, { 'idempotency-key': 'journal-courses-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'session_note',
      text: 'Courses au marché faites seule, fière d’elle.',
      confidentiality: 'care_team',
      revision: 1,
      authorName: 'Maëlle Le Gall',
      canEdit: true,
      canAmend: true,
      goal: { id: goalId, label: 'Je veux refaire mes courses toute seule' },
      appointment: { id: appointment.body.id },
      amendments: [],
    });
    const retried = await write(s.peerWorker.client, episodeId, body, { 'idempotency-key': 'journal-courses-1' });
    expect(retried.body.id).toBe(first.body.id);
    expect(await entriesOf(personId)).toBe(1);
    const stored = await database.admin.query('SELECT author_id, search_text FROM journal_entry WHERE id = $1', [first.body.id]);
    expect(stored.rows[0]).toEqual({ author_id: s.peerWorker.id, search_text: 'Courses au marché faites seule, fière d’elle.' });
    const revisions = await database.admin.query('SELECT number, text, is_amendment FROM journal_revision WHERE entry_id = $1', [first.body.id]);
    expect(revisions.rows).toEqual([{ number: 1, text: 'Courses au marché faites seule, fière d’elle.', is_amendment: false }]);
    expect(await audits(personId, 'journal.written')).toBe(1);
  });
});

describe('confidentiality on every route that returns entries', () => {
  let personId: string;
  let episodeId: string;
  const ids: Record<'care_team' | 'restricted' | 'author_only', string> = { care_team: '', restricted: '', author_only: '' };

  beforeAll(async () => {
    ({ personId, episodeId } = await admit({ firstName: 'Gaëlle', lastName: 'Confidentielle' }));
    for (const level of ['care_team', 'restricted', 'author_only'] as const) {
      const reply = await write(s.psychologist.client, episodeId, { text: `Zéphyrin niveau ${level}`, confidentiality: level, kind: 'emerging_need' });
      expect(reply.status).toBe(201);
      ids[level] = reply.body.id;
    }
  });

  // Who sees what: the nurse (team), the référent, the clinical referent on the team, the author.
  const expected = () => [
    { who: 'nurse (care team)', client: s.nurse.client, sees: [ids.care_team] },
    { who: 'référent', client: s.peerWorker.client, sees: [ids.care_team, ids.restricted] },
    { who: 'clinical referent on the team', client: clinician.client, sees: [ids.care_team, ids.restricted] },
    { who: 'author', client: s.psychologist.client, sees: [ids.care_team, ids.restricted, ids.author_only] },
  ];
  const sorted = (list: string[]) => [...list].sort();

  it('refuses an anonymous caller on every route', async () => {
    const anonymous = new TestClient(app);
    for (const url of [`/api/v1/episodes/${episodeId}/journal`, `/api/v1/people/${personId}/journal`, `/api/v1/journal/entries/${ids.care_team}`, '/api/v1/journal/search?q=zephyrin', `/api/v1/people/${personId}/journal/export`]) {
      expect((await anonymous.get(url)).status, url).toBe(401);
    }
  });

  it('refuses a staff member outside the care team: 403 on lists and export, 404 for one entry, nothing in search; refusals audited', async () => {
    for (const outsider of [s.outsider, clinicianElsewhere]) {
      const episodeList = await outsider.client.get<Problem>(`/api/v1/episodes/${episodeId}/journal`);
      expect(episodeList.status).toBe(403);
      expect(episodeList.body.code).toBe('not_care_team');
      expect((await outsider.client.get(`/api/v1/people/${personId}/journal`)).status).toBe(403);
      expect((await outsider.client.get(`/api/v1/people/${personId}/journal/export`)).status).toBe(403);
      for (const id of Object.values(ids)) expect((await outsider.client.get(`/api/v1/journal/entries/${id}`)).status).toBe(404);
      const search = await outsider.client.get<SearchResult>('/api/v1/journal/search?q=zephyrin');
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
      const scoped = await outsider.client.get<SearchResult>(`/api/v1/journal/search?q=zephyrin&personId=${personId}`);
      expect(scoped.body.items).toEqual([]);
    }
    expect(await audits(personId, 'journal.read', 'denied')).toBe(6);
    expect(await audits(personId, 'journal.read')).toBe(0);
    expect(await audits(personId, 'journal.searched')).toBe(0);
  });

  it('lists an episode’s entries within each reader’s level, and does not count the others', async () => {
    for (const { who, client, sees } of expected()) {
      const page = await client.get<Page>(`/api/v1/episodes/${episodeId}/journal`);
      expect(page.status, who).toBe(200);
      expect(sorted(page.body.items.map((e) => e.id)), who).toEqual(sorted(sees));
      const small = await client.get<Page>(`/api/v1/episodes/${episodeId}/journal?limit=${sees.length}`);
      expect(small.body.nextCursor, who).toBeNull();
    }
  });

  it('lists a person’s entries within each reader’s level', async () => {
    for (const { who, client, sees } of expected()) {
      const page = await client.get<Page>(`/api/v1/people/${personId}/journal`);
      expect(page.status, who).toBe(200);
      expect(sorted(page.body.items.map((e) => e.id)), who).toEqual(sorted(sees));
    }
  });

  it('reads one entry only within the level, and answers 404 (not 403) otherwise', async () => {
    for (const { who, client, sees } of expected()) {
      for (const id of Object.values(ids)) {
        const reply = await client.get<Entry>(`/api/v1/journal/entries/${id}`);
        expect(reply.status, `${who} ${id}`).toBe(sees.includes(id) ? 200 : 404);
      }
    }
  });

  it('searches within the level', async () => {
    for (const { who, client, sees } of expected()) {
      const reply = await client.get<SearchResult>('/api/v1/journal/search?q=zéphyrin');
      expect(reply.status, who).toBe(200);
      expect(sorted(reply.body.items.map((e) => e.id)), who).toEqual(sorted(sees));
    }
  });

  it('exports within the level, with French headers', async () => {
    for (const { who, client, sees } of expected()) {
      const reply = await client.get<string>(`/api/v1/people/${personId}/journal/export`);
      expect(reply.status, who).toBe(200);
      expect(reply.headers['content-type']).toContain('text/csv');
      const lines = reply.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('"Date";"Heure";"Type";"Confidentialité";"Auteur";"Texte";"Compléments";"Objectif lié";"Version"');
      expect(lines.length - 1, who).toBe(sees.length);
      for (const level of ['care_team', 'restricted', 'author_only'] as const) {
        expect(reply.body.includes(`Zéphyrin niveau ${level}`), `${who} ${level}`).toBe(sees.includes(ids[level]));
      }
      expect(lines[1]).toContain('"Besoin émergent";"Équipe";"Élise Marchand"');
    }
    expect(await audits(personId, 'journal.exported')).toBe(4);
  });

  it('stops showing entries to a colleague who leaves the care team', async () => {
    const { personId: pid, episodeId: eid } = await admit();
    const entry = await write(s.psychologist.client, eid, { text: 'Visite à domicile calme.' });
    const removed = await s.coordinator.client.delete(`/api/v1/people/${pid}/care-team/${s.nurse.id}`);
    expect(removed.status).toBe(204);
    expect((await s.nurse.client.get(`/api/v1/episodes/${eid}/journal`)).status).toBe(403);
    expect((await s.nurse.client.get(`/api/v1/journal/entries/${entry.body.id}`)).status).toBe(404);
  });
});

describe('lists', () => {
  it('pages newest first with a cursor, filters by kind, gives the history on request, and audits one event per read', async () => {
    const { personId, episodeId } = await admit();
    const kinds = ['observation', 'crisis', 'observation', 'unplanned_contact', 'observation'];
    for (const [i, kind] of kinds.entries()) expect((await write(s.nurse.client, episodeId, { kind, text: `Entrée ${i}`, occurredAt: minutesAgo(100 - i * 10) })).status).toBe(201);
    const first = await s.nurse.client.get<Page>(`/api/v1/episodes/${episodeId}/journal?limit=2`);
    expect(first.body.items.map((e) => e.text)).toEqual(['Entrée 4', 'Entrée 3']);
    const second = await s.nurse.client.get<Page>(`/api/v1/episodes/${episodeId}/journal?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e) => e.text)).toEqual(['Entrée 2', 'Entrée 1']);
    const third = await s.nurse.client.get<Page>(`/api/v1/episodes/${episodeId}/journal?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((e) => e.text)).toEqual(['Entrée 0']);
    expect(third.body.nextCursor).toBeNull();

    const filtered = await s.nurse.client.get<Page>(`/api/v1/people/${personId}/journal?kind=crisis,unplanned_contact`);
    expect(filtered.body.items.map((e) => e.kind)).toEqual(['unplanned_contact', 'crisis']);
    expect(filtered.body.items[0]!.history).toBeUndefined();
    const withHistory = await s.nurse.client.get<Page>(`/api/v1/people/${personId}/journal?kind=crisis&withHistory=true`);
    expect(withHistory.body.items[0]!.history).toEqual([expect.objectContaining({ number: 1, text: 'Entrée 1', isAmendment: false })]);
    // 3 episode pages and 2 person reads: one audit event per read.
    expect(await audits(personId, 'journal.read')).toBe(5);
  });

  it('names bad query parameters field by field', async () => {
    const { episodeId } = await admit();
    const reply = await s.nurse.client.get<Problem>(`/api/v1/episodes/${episodeId}/journal?kind=rumeur&limit=0&cursor=n-importe-quoi`);
    expect(reply.status).toBe(400);
    expect(reply.body.errors!.map((e) => e.field).sort()).toEqual(['querystring.kind.0', 'querystring.limit']);
    const cursor = await s.nurse.client.get<Problem>(`/api/v1/episodes/${episodeId}/journal?cursor=n-importe-quoi`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors).toEqual([{ field: 'querystring.cursor', code: 'invalid', message: 'Curseur de page invalide : repartez de la première page.' }]);
    expect((await s.nurse.client.get<Problem>('/api/v1/episodes/pas-un-id/journal')).status).toBe(400);
    expect((await s.nurse.client.get<Problem>('/api/v1/episodes/0190a0c0-0000-7000-8000-000000000001/journal')).status).toBe(404);
  });
});

describe('editing within 24 hours, amending after', () => {
  it('lets the author edit within 24 hours, keeping every version; a stale edit gets 412; others cannot edit', async () => {
    const { personId, episodeId } = await admit();
    const entry = await write(s.psychologist.client, episodeId, { text: 'Premier jet : la personne semble inquiète.' });
    const url = `/api/v1/journal/entries/${entry.body.id}`;
    const change = { kind: 'observation', text: 'La personne dit être inquiète pour son logement.', occurredAt: minutesAgo(45) };

    expect((await new TestClient(app).patch(url, { ...change, revision: 1 })).status).toBe(401);
    const outsider = await s.outsider.client.patch<Problem>(url, { ...change, revision: 1 });
    expect(outsider.status).toBe(404);
    const colleague = await s.nurse.client.patch<Problem>(url, { ...change, revision: 1 });
    expect(colleague.status).toBe(403);
    expect(colleague.body.code).toBe('journal_not_author');
    const noRevision = await s.psychologist.client.patch<Problem>(url, change);
    expect(noRevision.status).toBe(400);
    expect(noRevision.body.errors!.map((e) => e.field)).toEqual(['body.revision']);

    const edited = await s.psychologist.client.patch<Entry>(url, change, { 'if-match': '"1"' });
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({ text: change.text, revision: 2 });
    const stale = await s.psychologist.client.patch<Problem>(url, { ...change, text: 'Autre version', revision: 1 });
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toContain('version 2');

    const history = await s.psychologist.client.get<Entry>(`${url}?withHistory=true`);
    expect(history.body.history!.map((h) => [h.number, h.text, h.isAmendment])).toEqual([
      [1, 'Premier jet : la personne semble inquiète.', false],
      [2, 'La personne dit être inquiète pour son logement.', false],
    ]);
    expect((await database.admin.query('SELECT search_text FROM journal_entry WHERE id = $1', [entry.body.id])).rows[0].search_text).toBe(change.text);
    expect(await audits(personId, 'journal.edited')).toBe(1);
  });

  it('after 24 hours the database refuses the edit (SQLSTATE RL020), the API answers 409, and an amendment keeps the original', async () => {
    const { personId, episodeId } = await admit();
    const entry = await write(s.psychologist.client, episodeId, { text: 'Entretien : reprise du sommeil évoquée.' });
    const url = `/api/v1/journal/entries/${entry.body.id}`;
    await backdate(entry.body.id, 25);

    // The trigger, behind the application.
    const refused = await database.admin.query("UPDATE journal_entry SET text = 'réécrit' WHERE id = $1", [entry.body.id]).catch((e: unknown) => e);
    expect((refused as { code: string }).code).toBe('RL020');
    expect(journalErrorFromDatabase(refused)?.code).toBe('journal_edit_window_closed');
    const deleted = await database.admin.query('DELETE FROM journal_entry WHERE id = $1', [entry.body.id]).catch((e: unknown) => e);
    expect((deleted as { code: string }).code).toBe('42501');

    const read = await s.psychologist.client.get<Entry>(url);
    expect(read.body.canEdit).toBe(false);
    expect(read.body.canAmend).toBe(true);
    const edit = await s.psychologist.client.patch<Problem>(url, { kind: 'observation', text: 'Réécrit', occurredAt: minutesAgo(10), revision: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('journal_edit_window_closed');
    expect(edit.body.title).toContain('ajoutez un complément');

    const amendment = { text: 'Précision : le sommeil revient depuis la mise en place du rituel du soir.', reason: 'Information reçue de la personne le lendemain' };
    expect((await new TestClient(app).post(`${url}/amendments`, amendment)).status).toBe(401);
    expect((await s.outsider.client.post(`${url}/amendments`, amendment)).status).toBe(404);
    const nurse = await s.nurse.client.post<Problem>(`${url}/amendments`, amendment);
    expect(nurse.status).toBe(403);
    expect(nurse.body.code).toBe('journal_amend_not_allowed');
    const bad = await s.psychologist.client.post<Problem>(`${url}/amendments`, { text: ' ', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.reason', 'body.text']);

    const amended = await s.psychologist.client.post<Entry>(`${url}/amendments`, amendment, { 'idempotency-key': 'amend-sommeil-1' });
    expect(amended.status).toBe(201);
    expect((await s.psychologist.client.post<Entry>(`${url}/amendments`, amendment, { 'idempotency-key': 'amend-sommeil-1' })).body.revision).toBe(2);
    expect(amended.body).toMatchObject({ text: 'Entretien : reprise du sommeil évoquée.', revision: 2, amendments: [{ text: amendment.text, reason: amendment.reason, authorName: 'Élise Marchand' }] });
    // The référent may amend too.
    const byReferent = await s.peerWorker.client.post<Entry>(`${url}/amendments`, { text: 'Vu ensemble en réunion d’équipe.', reason: 'Synthèse' });
    expect(byReferent.status).toBe(201);
    expect(byReferent.body.amendments.map((a) => a.authorName)).toEqual(['Élise Marchand', 'Maëlle Le Gall']);

    const stored = await database.admin.query('SELECT text, search_text, revision FROM journal_entry WHERE id = $1', [entry.body.id]);
    expect(stored.rows[0]).toEqual({ text: 'Entretien : reprise du sommeil évoquée.', search_text: `Entretien : reprise du sommeil évoquée.\n${amendment.text}\nVu ensemble en réunion d’équipe.`, revision: 3 });
    const revisions = await database.admin.query('SELECT number, text, is_amendment FROM journal_revision WHERE entry_id = $1 ORDER BY number', [entry.body.id]);
    expect(revisions.rows.map((r: { number: number; is_amendment: boolean }) => [r.number, r.is_amendment])).toEqual([[1, false], [2, true], [3, true]]);
    expect(revisions.rows[0].text).toBe('Entretien : reprise du sommeil évoquée.');
    // Revisions are never changed.
    const rewrite = await database.admin.query("UPDATE journal_revision SET text = 'x' WHERE entry_id = $1", [entry.body.id]).catch((e: unknown) => e);
    expect(rewrite).toBeInstanceOf(Error);
    // Amendments are searchable; a stale edit after them is refused.
    const found = await s.psychologist.client.get<SearchResult>(`/api/v1/journal/search?q=rituel&personId=${personId}`);
    expect(found.body.items.map((i) => i.id)).toEqual([entry.body.id]);
    expect(await audits(personId, 'journal.amended')).toBe(2);
  });

  it('of two edits fired at once on the same revision, exactly one wins', async () => {
    const { episodeId } = await admit();
    const entry = await write(s.psychologist.client, episodeId, { text: 'Version initiale.' });
    const replies = await Promise.all(
      ['A', 'B', 'C'].map((v) => s.psychologist.client.patch<Problem>(`/api/v1/journal/entries/${entry.body.id}`, { kind: 'observation', text: `Version ${v}`, occurredAt: minutesAgo(20), revision: 1 })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    expect(await count('SELECT count(*)::int AS n FROM journal_revision WHERE entry_id = $1', [entry.body.id])).toBe(2);
  });
});

describe('French full-text search', () => {
  let personId: string;
  let episodeId: string;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ personId, episodeId } = await admit({ firstName: 'Bérénice', lastName: 'Cherchée' }));
    const texts: Record<string, string> = {
      plain: 'Situation evalue avec elle, sans accents sur la tablette.',
      accented: 'Sa situation a été évaluée en équipe ; elle est soulagée.',
      crisisMany: 'Crise de panique, puis une deuxième crise, la crise passe avec la respiration.',
      crisisOnce: 'Longue séance sur le logement, les démarches à la CAF, la famille et les voisins ; une crise évoquée en fin de séance.',
      markup: '<b>Attention</b> <script>alert(1)</script> la personne mentionne une fugue.',
      old: 'Fugue signalée par le foyer il y a longtemps.',
    };
    for (const [key, text] of Object.entries(texts)) {
      const reply = await write(s.nurse.client, episodeId, { text, kind: key === 'crisisMany' ? 'crisis' : 'observation', occurredAt: key === 'old' ? '2026-02-10T09:00:00Z' : minutesAgo(60) });
      expect(reply.status).toBe(201);
      id[key] = reply.body.id;
    }
  });

  const search = (query: string, client: TestClient = s.nurse.client) => client.get<SearchResult & Problem>(`/api/v1/journal/search?personId=${personId}&${query}`);

  it('ignores accents both ways: "évalué" finds "evalue", "evalue" finds "évaluée"', async () => {
    for (const q of ['évalué', 'evalue', 'évaluée', 'EVALUEE', 'évaluation']) {
      const reply = await search(`q=${encodeURIComponent(q)}`);
      expect(reply.status, q).toBe(200);
      expect(reply.body.items.map((i) => i.id).sort(), q).toEqual([id.plain!, id.accented!].sort());
    }
    // tsquery syntax and quotes in the query are words, never operators.
    const tricky = await search(`q=${encodeURIComponent("l'évaluation & | ! ( \\ '' :*")}`);
    expect(tricky.status).toBe(200);
    expect(tricky.body.items.map((i) => i.id).sort()).toEqual([id.plain!, id.accented!].sort());
    // Every word must match.
    expect((await search(`q=${encodeURIComponent('évaluée soulagée')}`)).body.items.map((i) => i.id)).toEqual([id.accented]);
    // Only stop words: nothing, not an error.
    expect((await search(`q=${encodeURIComponent('de la et pour')}`)).body.items).toEqual([]);
  });

  it('ranks the entry that is most about the words first', async () => {
    const reply = await search('q=crise');
    expect(reply.body.items.map((i) => i.id)).toEqual([id.crisisMany, id.crisisOnce]);
    expect(reply.body.items[0]!.rank).toBeGreaterThan(reply.body.items[1]!.rank);
  });

  it('returns highlights as plain text parts, never markup from the entry', async () => {
    const accented = await search('q=evalue');
    const excerpt = accented.body.items.find((i) => i.id === id.accented)!.excerpt;
    expect(excerpt.filter((p) => p.mark).map((p) => p.text)).toEqual(['évaluée']);
    expect(excerpt.map((p) => p.text).join('')).toContain('a été évaluée en équipe');
    const markup = await search('q=fugue&to=2026-12-31&from=2026-11-01');
    const parts = markup.body.items.flatMap((i) => i.excerpt);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['fugue']);
    expect(JSON.stringify(markup.body)).not.toContain('<mark>');
    expect(parts.some((p) => p.mark && /[<>]/.test(p.text))).toBe(false);
  });

  it('filters by kind and by dates in the structure’s time zone', async () => {
    expect((await search('q=crise&kind=crisis')).body.items.map((i) => i.id)).toEqual([id.crisisMany]);
    const all = (await search('q=fugue')).body.items.map((i) => i.id).sort();
    expect(all).toEqual([id.markup!, id.old!].sort());
    expect((await search('q=fugue&from=2026-02-10&to=2026-02-10')).body.items.map((i) => i.id)).toEqual([id.old]);
    expect((await search('q=fugue&from=2026-02-11&to=2026-02-28')).body.items).toEqual([]);
  });

  it('names bad input field by field', async () => {
    const reply = await s.nurse.client.get<Problem>('/api/v1/journal/search?q=a&kind=rumeur&from=2026-13-01&personId=abc&limit=500');
    expect(reply.status).toBe(400);
    expect(reply.body.errors!.map((e) => e.field).sort()).toEqual(['querystring.from', 'querystring.kind.0', 'querystring.limit', 'querystring.personId', 'querystring.q']);
    const order = await s.nurse.client.get<Problem>('/api/v1/journal/search?q=crise&from=2026-03-02&to=2026-03-01');
    expect(order.status).toBe(400);
    expect(order.body.errors!.map((e) => e.field)).toEqual(['querystring.to']);
    expect((await s.org.admin.get<Problem>('/api/v1/journal/search?q=crise')).status).toBe(403);
  });

  it('shows a discreet person by alias, and writes one audit event per person found', async () => {
    const discreet = await admit({ firstName: 'Ophélie', lastName: 'Secrète' });
    expect((await s.coordinator.client.patch(`/api/v1/people/${discreet.personId}`, { discreet: true, alias: 'Madame O.' })).status).toBe(204);
    const other = await admit();
    for (const e of [discreet, discreet, other]) expect((await write(s.nurse.client, e.episodeId, { text: 'Quiproquo au guichet de la mairie.' })).status).toBe(201);
    const before = await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'journal.searched'");
    const reply = await s.nurse.client.get<SearchResult>('/api/v1/journal/search?q=quiproquo');
    expect(reply.body.items).toHaveLength(3);
    expect(reply.body.items.filter((i) => i.personId === discreet.personId).map((i) => i.personLabel)).toEqual(['Madame O.', 'Madame O.']);
    expect(JSON.stringify(reply.body)).not.toContain('Secrète');
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'journal.searched'")).toBe(before + 2);
    expect(await audits(discreet.personId, 'journal.searched')).toBe(1);
  });

  it('pages results by offset', async () => {
    const first = await search('q=crise&limit=1');
    expect(first.body.items.map((i) => i.id)).toEqual([id.crisisMany]);
    expect(first.body.nextOffset).toBe(1);
    const second = await search('q=crise&limit=1&offset=1');
    expect(second.body.items.map((i) => i.id)).toEqual([id.crisisOnce]);
    expect(second.body.nextOffset).toBeNull();
  });
});

describe('an entry for the escalation module', () => {
  it('readEntryForEscalation returns a visible entry and not_found otherwise', async () => {
    const { readEntryForEscalation } = await import('./read-journal-entry.js');
    const { runAsActor } = await import('../../server/context.js');
    const { personId, episodeId } = await admit();
    const restricted = await write(s.psychologist.client, episodeId, { text: 'Idées noires évoquées.', confidentiality: 'restricted', kind: 'crisis' });
    const actorOf = async (staffId: string) => {
      const { rows } = await database.admin.query(
        `SELECT array_agg(DISTINCT p) AS permissions FROM staff_role sr JOIN role r ON r.organization_id = sr.organization_id AND r.id = sr.role_id, unnest(r.permissions) p WHERE sr.staff_member_id = $1`,
        [staffId],
      );
      return { staffMemberId: staffId, organizationId: s.org.organizationId, sessionId: 'test', permissions: rows[0].permissions as string[], roleCodes: [], locale: 'fr' as const, timeZone: 'Europe/Paris' };
    };
    const meta = { ip: null, requestId: null, userAgent: null };
    const seen = await runAsActor(database.db, await actorOf(clinician.id), meta, (ctx) => readEntryForEscalation(ctx, restricted.body.id));
    expect(seen).toEqual({ id: restricted.body.id, episodeId, personId, kind: 'crisis', text: 'Idées noires évoquées.' });
    await expect(runAsActor(database.db, await actorOf(s.nurse.id), meta, (ctx) => readEntryForEscalation(ctx, restricted.body.id))).rejects.toMatchObject({ code: 'not_found' });
    await expect(runAsActor(database.db, await actorOf(s.outsider.id), meta, (ctx) => readEntryForEscalation(ctx, restricted.body.id))).rejects.toMatchObject({ code: 'not_found' });
  });
});
