import crypto from 'node:crypto';
import type pg from 'pg';
import { v4 as uuidv4 } from 'uuid';
import { BulkWriter, fromEpochMs } from '../lib/bulk-insert.js';
import type { Random } from '../lib/random.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratedPerson } from './people.js';
import type { GeneratedStaffMember } from './staff.js';
import type { GeneratorContext, GeneratorStep } from './step.js';
import { dayMs, weekdayFactor, workingTime } from './timeline.js';

interface AuditRow {
  occurredAtMs: number;
  actorId: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  personId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  details: string;
}

type EventInput = Omit<AuditRow, 'ip' | 'requestId' | 'details'> & { details?: Record<string, unknown> };
/** A change another step wrote, to be audited as its use case does (actor, action, person, target). */
export type ChangeEvent = EventInput;

interface AuditInput {
  organization: GeneratedOrganization;
  staff: readonly GeneratedStaffMember[];
  people: readonly GeneratedPerson[];
  /** The events of the later modules' changes (referrals, admissions, episodes...). */
  changes?: readonly ChangeEvent[];
}

export function auditEventTarget(scale: number): number {
  return Math.round(1_000_000 * scale);
}

// What staff do with a record, by share of the reads; 'denied': a refused attempt from outside the team.
const readActions = [
  ['person.read', 62],
  ['person.listed', 20],
  ['care_team.read', 13.5],
  ['person.access_log.read', 1.5],
  ['denied', 3],
] as const;
const signInShare = 0.06;

const emailDigest = (email: string) => crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);

/** Makes audit rows as the application's writer does: the actor's workstation address, a request id. */
class EventFactory {
  private readonly ipOf: Map<string, string>;
  constructor(
    private readonly random: Random,
    staff: readonly GeneratedStaffMember[],
  ) {
    this.ipOf = new Map(staff.map((s, i) => [s.id, `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`]));
  }

  make(e: EventInput): AuditRow {
    // Fields copied one by one, not spread: a million events.
    return {
      occurredAtMs: e.occurredAtMs,
      actorId: e.actorId,
      action: e.action,
      outcome: e.outcome,
      personId: e.personId,
      targetType: e.targetType,
      targetId: e.targetId,
      ip: e.actorId ? (this.ipOf.get(e.actorId) ?? null) : null,
      requestId: uuidv4({ random: this.random.bytes(16) }),
      details: e.details ? JSON.stringify(e.details) : '{}',
    };
  }
}

/** The events of the changes the earlier steps wrote, one per change, as their use cases record them. */
function changeEvents(random: Random, events: EventFactory, { organization, staff, people, changes = [] }: AuditInput): AuditRow[] {
  const founder = staff.find((s) => s.profile === 'administrator');
  if (!founder) throw new Error('no administrator');
  const rows: AuditRow[] = [
    events.make({ occurredAtMs: founder.createdAtMs, actorId: founder.id, action: 'organization.set_up', outcome: 'success', personId: null, targetType: 'organization', targetId: organization.id, details: { kind: organization.kind } }),
    events.make({ occurredAtMs: founder.createdAtMs, actorId: founder.id, action: 'staff.created', outcome: 'success', personId: null, targetType: 'staff_member', targetId: founder.id, details: { roles: ['administrator'] } }),
    events.make({ occurredAtMs: founder.createdAtMs, actorId: founder.id, action: 'auth.sign_in', outcome: 'success', personId: null, targetType: 'session', targetId: random.uuid(founder.createdAtMs), details: { stage: 'active', via: 'setup' } }),
  ];
  for (const member of staff) {
    if (member === founder) continue;
    const invitedAt = Math.max(founder.createdAtMs + 60_000, member.createdAtMs - random.int(3_600_000, 3 * dayMs));
    const invitationId = random.uuid(invitedAt);
    rows.push(
      events.make({ occurredAtMs: invitedAt, actorId: founder.id, action: 'staff.invited', outcome: 'success', personId: null, targetType: 'invitation', targetId: invitationId, details: { roles: member.roleCodes } }),
      events.make({ occurredAtMs: member.createdAtMs, actorId: member.id, action: 'staff.invitation_accepted', outcome: 'success', personId: null, targetType: 'invitation', targetId: invitationId }),
      events.make({ occurredAtMs: member.createdAtMs, actorId: member.id, action: 'auth.sign_in', outcome: 'success', personId: null, targetType: 'session', targetId: random.uuid(member.createdAtMs), details: { stage: 'active', via: 'invitation' } }),
    );
  }
  for (const p of people) {
    rows.push(events.make({ occurredAtMs: p.createdAtMs, actorId: p.createdBy, action: 'person.created', outcome: 'success', personId: p.id, targetType: 'person', targetId: p.id }));
    for (const m of p.careTeam) {
      // The creator joined the team with the record itself (createPerson): no separate event.
      if (m.staffMemberId !== p.createdBy || m.addedAtMs !== p.createdAtMs) {
        rows.push(
          events.make({ occurredAtMs: m.addedAtMs, actorId: m.addedBy, action: 'care_team.member_added', outcome: 'success', personId: p.id, targetType: 'staff_member', targetId: m.staffMemberId, details: { disciplineId: m.disciplineId } }),
        );
      }
      if (m.removedAtMs !== null) {
        rows.push(events.make({ occurredAtMs: m.removedAtMs, actorId: m.removedBy, action: 'care_team.member_removed', outcome: 'success', personId: p.id, targetType: 'staff_member', targetId: m.staffMemberId }));
      }
    }
  }
  for (const change of changes) rows.push(events.make(change));
  return rows.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
}

/** How many routine events (reads, sign-ins) each day gets: in proportion to the people then supported and the staff then employed. */
function planDays(input: AuditInput, routine: number) {
  const { organization, staff, people } = input;
  const days = Math.round((organization.endMs - organization.openedAtMs) / dayMs);
  const personsBefore: number[] = [];
  const staffBefore: number[] = [];
  let pi = 0;
  let si = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = organization.openedAtMs + d * dayMs;
    while (pi < people.length && people[pi]!.createdAtMs < dayStart) pi++;
    while (si < staff.length && staff[si]!.createdAtMs < dayStart) si++;
    personsBefore.push(pi);
    staffBefore.push(si);
  }
  const factor = (d: number) => weekdayFactor[new Date(organization.openedAtMs + d * dayMs).getUTCDay()]!;
  const signIns = Math.round(routine * signInShare);
  return {
    days,
    personsBefore,
    staffBefore,
    reads: spread(routine - signIns, personsBefore.map((n, d) => n * factor(d))),
    signIns: spread(signIns, staffBefore.map((n, d) => n * factor(d))),
  };
}

/** One day's routine events. Readers are on the person's care team at that moment; refused attempts come from outside it. */
function routineEvents(random: Random, events: EventFactory, input: AuditInput, plan: ReturnType<typeof planDays>, d: number, out: AuditRow[]): void {
  const { organization, staff, people } = input;
  const dayStart = organization.openedAtMs + d * dayMs;
  const active = plan.personsBefore[d]!;
  for (let k = 0; k < plan.reads[d]! && active > 0; k++) {
    const at = workingTime(random, dayStart);
    const p = people[Math.floor(random.next() * active)]!;
    const members = p.careTeam.filter((m) => m.addedAtMs <= at && (m.removedAtMs === null || m.removedAtMs > at));
    const action = random.weighted(readActions);
    if (action === 'denied') {
      // A colleague outside the team (or an administrator, who never reads records) tried to open it.
      const outsider = random.chance(0.1) ? random.pick(staff) : staff[Math.floor(random.next() * plan.staffBefore[d]!)];
      if (!outsider || outsider.createdAtMs > at || members.some((m) => m.staffMemberId === outsider.id)) continue;
      const reason = outsider.permissions.includes('person:read') ? 'not_care_team' : 'forbidden';
      out.push(events.make({ occurredAtMs: at, actorId: outsider.id, action: 'person.read', outcome: 'denied', personId: p.id, targetType: null, targetId: null, details: { reason } }));
      continue;
    }
    const reader = members.length ? random.pick(members) : p.careTeam[0]!;
    out.push(events.make({ occurredAtMs: at, actorId: reader.staffMemberId, action, outcome: 'success', personId: p.id, targetType: 'person', targetId: p.id }));
  }
  const employed = plan.staffBefore[d]!;
  for (let k = 0; k < plan.signIns[d]! && employed > 0; k++) {
    const at = workingTime(random, dayStart);
    const member = staff[Math.floor(random.next() * employed)]!;
    out.push(
      random.chance(0.03)
        ? events.make({ occurredAtMs: at, actorId: member.id, action: 'auth.sign_in', outcome: 'failure', personId: null, targetType: null, targetId: null, details: { reason: 'wrong_password', email: emailDigest(member.email) } })
        : events.make({ occurredAtMs: at, actorId: member.id, action: 'auth.sign_in', outcome: 'success', personId: null, targetType: 'session', targetId: random.uuid(at), details: { stage: 'active' } }),
    );
  }
}

function auditWriter(ctx: GeneratorContext, organizationId: string): BulkWriter<AuditRow> {
  return new BulkWriter<AuditRow>(
    ctx.client,
    'audit_event',
    [
      { name: 'organization_id', type: 'uuid', value: () => organizationId },
      { name: 'occurred_at', type: 'timestamptz', value: (e) => e.occurredAtMs, fromJson: fromEpochMs },
      { name: 'actor_id', type: 'uuid', value: (e) => e.actorId },
      { name: 'action', type: 'text', value: (e) => e.action },
      { name: 'outcome', type: 'text', value: (e) => e.outcome },
      { name: 'person_id', type: 'uuid', value: (e) => e.personId },
      { name: 'target_type', type: 'text', value: (e) => e.targetType },
      { name: 'target_id', type: 'text', value: (e) => e.targetId },
      { name: 'ip', type: 'inet', value: (e) => e.ip },
      { name: 'request_id', type: 'text', value: (e) => e.requestId },
      { name: 'details', type: 'jsonb', value: (e) => e.details },
    ],
    { batchSize: 10_000, onWritten: (n) => ctx.progress.advance(n) },
  );
}

/**
 * The audit trail of two years of work, written in time order: the structure's set-up, staff
 * invitations, records opened and care teams formed, then the reads and sign-ins that make most
 * of the volume. The database's own sealer links them into the hash chain meanwhile.
 */
export const auditStep: GeneratorStep<AuditInput, { events: number; sealed: number }> = {
  name: 'audit',
  label: 'audit events',
  estimate: (scale) => auditEventTarget(scale),
  run: async (ctx, input) => {
    const { random } = ctx;
    const events = new EventFactory(random, input.staff);
    const changes = changeEvents(random, events, input);
    const plan = planDays(input, Math.max(0, auditEventTarget(ctx.scale) - changes.length));
    const writer = auditWriter(ctx, input.organization.id);
    const sealer = new BackgroundSealer(await ctx.connect());
    try {
      let next = 0;
      for (let d = 0; d < plan.days; d++) {
        const dayEnd = input.organization.openedAtMs + (d + 1) * dayMs;
        const today: AuditRow[] = [];
        while (next < changes.length && changes[next]!.occurredAtMs < dayEnd) today.push(changes[next++]!);
        routineEvents(random, events, input, plan, d, today);
        today.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
        await writer.addAll(today);
      }
      await writer.addAll(changes.slice(next));
      const written = await writer.close();
      return { events: written, sealed: await sealer.stop() };
    } catch (error) {
      await sealer.stop().catch(() => {});
      throw error;
    }
  },
};

/** One call of the database's sealer, as relais_system (as the running application does). */
async function sealOnce(client: pg.Client, lastTxid: string | null): Promise<{ sealed: number; done: boolean }> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL ROLE relais_system');
    const result = await client.query<{ sealed: number }>('SELECT relais_seal_audit_chain() AS sealed');
    const state = await client.query<{ done: boolean }>('SELECT $1::xid8 IS NULL OR horizon > $1::xid8 AS done FROM audit_seal_state', [lastTxid]);
    await client.query('COMMIT');
    return { sealed: Number(result.rows[0]?.sealed ?? 0), done: state.rows[0]?.done ?? false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Seals on a second connection while the events are inserted, as the application's sealer runs
 * while requests write: on two cores the chain is built alongside the inserts, not after them.
 */
class BackgroundSealer {
  private sealed = 0;
  private running = true;
  private failure: unknown = null;
  private readonly loop: Promise<void>;

  constructor(private readonly client: pg.Client) {
    this.loop = this.run().catch((error: unknown) => {
      this.failure = error;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const { sealed } = await sealOnce(this.client, null);
      this.sealed += sealed;
      if (sealed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<number> {
    this.running = false;
    await this.loop;
    await this.client.end();
    if (this.failure) throw this.failure;
    return this.sealed;
  }
}

/**
 * Finishes linking the events into the organization's hash chain. The sealer skips transactions
 * still running anywhere in the cluster, so it is called until its horizon passes our last insert.
 */
export const auditChainStep: GeneratorStep<{ events: number; sealed: number }, { sealed: number }> = {
  name: 'audit-chain',
  label: 'audit chain (sealing)',
  estimate: (scale) => auditEventTarget(scale),
  run: async (ctx, input) => {
    ctx.progress.setTotal(input.events);
    ctx.progress.advance(input.sealed);
    const last = await ctx.client.query<{ txid: string | null }>('SELECT max(txid)::text AS txid FROM audit_event');
    const lastTxid = last.rows[0]?.txid ?? null;
    let sealed = input.sealed;
    const deadline = Date.now() + 300_000;
    for (;;) {
      const round = await sealOnce(ctx.client, lastTxid);
      sealed += round.sealed;
      ctx.progress.advance(round.sealed);
      if (round.done) return { sealed };
      if (Date.now() > deadline) throw new Error('the audit chain could not be sealed: a transaction has been running for minutes somewhere in the cluster');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },
};

/** Splits `total` into integer parts proportional to `weights`, summing exactly to `total`. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((w) => {
    cumulative += (total * w) / sum;
    const upTo = Math.round(cumulative);
    const share = upTo - given;
    given = upTo;
    return share;
  });
}
