import { insertRows } from '../lib/bulk-insert.js';
import { WeightedIndex, type Random } from '../lib/random.js';
import { frenchFirstName, frenchLastName, type Sex } from './french-names.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratedStaffMember } from './staff.js';
import type { GeneratorStep } from './step.js';
import { dayMs, startOfDay, workingTime } from './timeline.js';

export interface CareTeamMembership {
  id: string;
  staffMemberId: string;
  disciplineId: string | null;
  addedBy: string;
  addedAtMs: number;
  removedBy: string | null;
  removedAtMs: number | null;
}

export interface GeneratedPerson {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  createdBy: string;
  createdAtMs: number;
  /** Current members (removedAtMs null) and past ones. */
  careTeam: CareTeamMembership[];
}

export function personCount(scale: number): number {
  return Math.max(10, Math.round(10_000 * scale));
}

// Current care team sizes: 2 to 6 professionals, most often 3 or 4.
const teamSizes = [[2, 20], [3, 30], [4, 27], [5, 15], [6, 8]] as const;
// Age when the record was opened: mostly adults, some adolescents, some elderly people.
const ageBands: readonly (readonly [readonly [number, number], number])[] = [[[12, 17], 8], [[18, 25], 14], [[26, 45], 38], [[46, 64], 28], [[65, 79], 9], [[80, 95], 3]];

/** Draws from a staff pool in proportion to caseload weights, among those already employed at `atMs`. */
class StaffPool {
  private readonly index: WeightedIndex;
  constructor(private readonly members: readonly GeneratedStaffMember[]) {
    if (members.length === 0) throw new Error('empty staff pool');
    this.index = new WeightedIndex(members.map((m) => m.caseloadWeight));
  }

  draw(random: Random, atMs: number, exclude: ReadonlySet<string>): GeneratedStaffMember | null {
    for (let attempt = 0; attempt < 30; attempt++) {
      const m = this.members[this.index.draw(random)]!;
      if (m.createdAtMs < atMs && !exclude.has(m.id)) return m;
    }
    return null;
  }

  earliest(): GeneratedStaffMember {
    return this.members.reduce((a, b) => (b.createdAtMs < a.createdAtMs ? b : a));
  }
}

/**
 * The people supported, and their care teams. Each record is opened by a coordinator (who joins
 * the team, as createPerson does), who then adds practitioners of different disciplines over the
 * following days, and sometimes a supervisor. A few teams changed: past members are kept as history.
 */
export const peopleStep: GeneratorStep<{ organization: GeneratedOrganization; staff: readonly GeneratedStaffMember[] }, GeneratedPerson[]> = {
  name: 'people',
  label: 'people and care teams',
  estimate: (scale) => personCount(scale),
  run: async (ctx, { organization, staff }) => {
    const { random } = ctx;
    const coordinators = new StaffPool(staff.filter((s) => s.profile === 'coordinator'));
    const supervisors = staff.some((s) => s.profile === 'supervisor') ? new StaffPool(staff.filter((s) => s.profile === 'supervisor')) : null;
    const practitioners = new StaffPool(staff.filter((s) => s.profile === 'practitioner' || s.profile === 'clinical_referent'));
    const disciplineIdOf = (s: GeneratedStaffMember) => (s.disciplineCode ? organization.disciplineIds.get(s.disciplineCode)! : null);
    const lastMs = organization.endMs - 3_600_000;

    const count = personCount(ctx.scale);
    const people: GeneratedPerson[] = [];
    for (let i = 0; i < count; i++) {
      // A first intake in the structure's early weeks, then a steady flow of new people.
      const day = random.chance(0.25) ? random.int(30, 75) : random.int(76, 729);
      let createdAtMs = Math.min(lastMs, workingTime(random, organization.openedAtMs + day * dayMs));
      let coordinator = coordinators.draw(random, createdAtMs, new Set());
      if (!coordinator) {
        coordinator = coordinators.earliest();
        createdAtMs = Math.max(createdAtMs, coordinator.createdAtMs + 3_600_000);
      }

      const sex: Sex = random.chance(0.55) ? 'female' : 'male';
      const [minAge, maxAge] = random.weighted(ageBands);
      const ageDays = (minAge + random.next() * (maxAge + 1 - minAge)) * 365.25;
      const birth = new Date(createdAtMs - ageDays * dayMs);
      const birthDate = random.chance(0.02) ? null : birth.toISOString().slice(0, 10);
      const firstName = frenchFirstName(random, ctx.faker, sex, birth.getUTCFullYear());
      const lastName = frenchLastName(random, ctx.faker);
      const id = random.uuid(createdAtMs);

      // Membership times: the creator at once, the others over the next days, never before they were hired.
      const later = (after: number) => {
        const at = workingTime(random, startOfDay(after) + Math.floor(random.next() ** 2 * 21) * dayMs);
        return Math.min(lastMs, at > after ? at : after + random.int(60_000, 3_600_000));
      };
      const careTeam: CareTeamMembership[] = [
        { id: random.uuid(createdAtMs), staffMemberId: coordinator.id, disciplineId: null, addedBy: coordinator.id, addedAtMs: createdAtMs, removedBy: null, removedAtMs: null },
      ];
      const onTeam = new Set([coordinator.id]);
      const join = (member: GeneratedStaffMember, addedAtMs: number, removedAtMs: number | null) => {
        const at = Math.max(addedAtMs, member.createdAtMs + 60_000);
        if (removedAtMs !== null && removedAtMs <= at) return; // hired after they would have left: no such history
        careTeam.push({
          id: random.uuid(at),
          staffMemberId: member.id,
          disciplineId: disciplineIdOf(member),
          addedBy: coordinator.id,
          addedAtMs: at,
          removedBy: removedAtMs === null ? null : coordinator.id,
          removedAtMs,
        });
        onTeam.add(member.id);
      };

      const size = random.weighted(teamSizes);
      if (supervisors && random.chance(0.08)) {
        const supervisor = supervisors.draw(random, lastMs, onTeam);
        if (supervisor) join(supervisor, later(createdAtMs), null);
      }
      // Prefer colleagues of disciplines not yet on the team: a multidisciplinary team.
      const disciplines = new Set<string | null>();
      while (onTeam.size < size) {
        let pick: GeneratedStaffMember | null = null;
        for (let attempt = 0; attempt < 6 && !pick; attempt++) {
          const candidate = practitioners.draw(random, lastMs, onTeam);
          if (candidate && (!disciplines.has(candidate.disciplineCode) || attempt === 5)) pick = candidate;
        }
        if (!pick) break; // fewer practitioners than the team size (tiny scales)
        disciplines.add(pick.disciplineCode);
        join(pick, later(createdAtMs), null);
      }
      // Some teams changed: a colleague who left the team stays in its history.
      if (random.chance(0.08)) {
        const former = practitioners.draw(random, lastMs, onTeam);
        if (former) {
          const added = later(createdAtMs);
          const removed = Math.min(lastMs, workingTime(random, startOfDay(added) + random.int(1, 120) * dayMs));
          if (removed > added) join(former, added, removed);
        }
      }
      people.push({ id, firstName, lastName, birthDate, createdBy: coordinator.id, createdAtMs, careTeam });
    }
    people.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));

    const orgId = organization.id;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    await insertRows(
      ctx.client,
      'person',
      [
        { name: 'organization_id', type: 'uuid', value: () => orgId },
        { name: 'id', type: 'uuid', value: (p) => p.id },
        { name: 'first_name', type: 'text', value: (p) => p.firstName },
        { name: 'last_name', type: 'text', value: (p) => p.lastName },
        { name: 'birth_date', type: 'date', value: (p) => p.birthDate },
        { name: 'created_by', type: 'uuid', value: (p) => p.createdBy },
        { name: 'created_at', type: 'timestamptz', value: (p) => iso(p.createdAtMs) },
      ],
      people,
      (n) => ctx.progress.advance(n),
    );
    const memberships = people.flatMap((p) => p.careTeam.map((m) => ({ personId: p.id, ...m })));
    await insertRows(
      ctx.client,
      'care_team_member',
      [
        { name: 'organization_id', type: 'uuid', value: () => orgId },
        { name: 'id', type: 'uuid', value: (m) => m.id },
        { name: 'person_id', type: 'uuid', value: (m) => m.personId },
        { name: 'staff_member_id', type: 'uuid', value: (m) => m.staffMemberId },
        { name: 'discipline_id', type: 'uuid', value: (m) => m.disciplineId },
        { name: 'added_by', type: 'uuid', value: (m) => m.addedBy },
        { name: 'added_at', type: 'timestamptz', value: (m) => iso(m.addedAtMs) },
        { name: 'removed_by', type: 'uuid', value: (m) => m.removedBy },
        { name: 'removed_at', type: 'timestamptz', value: (m) => iso(m.removedAtMs) },
      ],
      memberships,
    );
    return people;
  },
};
