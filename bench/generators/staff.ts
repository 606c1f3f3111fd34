import { hashPassword } from '../../src/modules/identity/passwords.js';
import { defaultRoles } from '../../src/modules/organizations/default-catalogue.js';
import { insertRows } from '../lib/bulk-insert.js';
import { emailLocalPart, frenchFirstName, frenchLastName, type Sex } from './french-names.js';
import type { GeneratedOrganization } from './organizations.js';
import type { GeneratorStep } from './step.js';
import { dayMs, workingTime } from './timeline.js';

/** Every generated account signs in with this password (one argon2id hash shared by all: generating 300 would take seconds). */
export const benchPassword = 'relais-banc-essai-2026';
export const benchEmailDomain = 'tilleuls.example';

export type StaffProfileKey = 'administrator' | 'coordinator' | 'practitioner' | 'clinical_referent' | 'supervisor' | 'billing';

interface StaffProfile {
  key: StaffProfileKey;
  /** Share of the 300 staff of the reference data set. */
  perReference: number;
  min: number;
  roles: readonly string[];
  disciplines: readonly (readonly [string, number])[];
}

// The mix of a large clinic: mostly practitioners of many disciplines, coordinators who create the
// records and form the care teams, a few clinical referents, supervisors, administrators and billing.
const profiles: readonly StaffProfile[] = [
  { key: 'administrator', perReference: 4, min: 1, roles: ['administrator'], disciplines: [] },
  {
    key: 'coordinator',
    perReference: 40,
    min: 2,
    roles: ['coordinator'],
    disciplines: [['personal_support_manager', 70], ['social_worker', 10], ['educator', 10], ['nurse', 10]],
  },
  {
    key: 'clinical_referent',
    perReference: 12,
    min: 1,
    roles: ['clinical_referent', 'practitioner'],
    disciplines: [['psychiatrist', 50], ['psychologist', 30], ['physician', 20]],
  },
  { key: 'supervisor', perReference: 8, min: 1, roles: ['supervisor'], disciplines: [['psychologist', 70], ['psychiatrist', 30]] },
  { key: 'billing', perReference: 6, min: 1, roles: ['billing'], disciplines: [] },
  {
    key: 'practitioner',
    perReference: 230,
    min: 5,
    roles: ['practitioner'],
    disciplines: [
      ['psychologist', 45], ['nurse', 45], ['educator', 45], ['social_worker', 25], ['peer_support_worker', 20],
      ['psychiatrist', 15], ['psycho_emotional_practitioner', 15], ['family_social_counsellor', 15], ['physician', 10],
    ],
  },
];

export interface GeneratedStaffMember {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: 'fr' | 'en';
  profile: StaffProfileKey;
  roleCodes: readonly string[];
  permissions: readonly string[];
  disciplineCode: string | null;
  createdAtMs: number;
  /** Relative size of this person's caseload (part-time, seniority, specialty): skews the care teams. */
  caseloadWeight: number;
}

export function staffCount(scale: number): number {
  return Math.max(12, Math.round(300 * scale));
}

export const staffStep: GeneratorStep<{ organization: GeneratedOrganization }, GeneratedStaffMember[]> = {
  name: 'staff',
  label: 'staff members',
  estimate: (scale) => staffCount(scale),
  run: async (ctx, { organization }) => {
    const total = staffCount(ctx.scale);
    const counts = new Map<StaffProfileKey, number>();
    let others = 0;
    for (const p of profiles) {
      if (p.key === 'practitioner') continue;
      const n = Math.max(p.min, Math.round((p.perReference * total) / 300));
      counts.set(p.key, n);
      others += n;
    }
    counts.set('practitioner', Math.max(5, total - others));

    const permissionsOf = new Map(defaultRoles.map((r) => [r.code, r.permissions as readonly string[]]));
    const passwordHash = await hashPassword(benchPassword);
    const emails = new Set<string>();
    const staff: GeneratedStaffMember[] = [];
    for (const profile of profiles) {
      for (let i = 0; i < counts.get(profile.key)!; i++) {
        const sex: Sex = ctx.random.chance(0.68) ? 'female' : 'male'; // the care professions are mostly women
        const birthYear = ctx.random.int(1960, 2001);
        const firstName = frenchFirstName(ctx.random, ctx.faker, sex, birthYear);
        const lastName = frenchLastName(ctx.random, ctx.faker);
        const local = emailLocalPart(firstName, lastName);
        let email = `${local}@${benchEmailDomain}`;
        for (let n = 2; emails.has(email); n++) email = `${local}${n}@${benchEmailDomain}`;
        emails.add(email);
        // The first administrator opened the structure; most colleagues joined in its first month, others were hired later.
        const founding = staff.length === 0;
        const joinedDay = founding ? 0 : ctx.random.chance(0.85) ? ctx.random.int(1, 30) : ctx.random.int(31, 600);
        const createdAtMs = founding ? organization.openedAtMs + 9 * 3_600_000 : workingTime(ctx.random, organization.openedAtMs + joinedDay * dayMs);
        const disciplineCode = profile.disciplines.length ? ctx.random.weighted(profile.disciplines) : null;
        const permissions = [...new Set(profile.roles.flatMap((r) => permissionsOf.get(r) ?? []))].sort();
        staff.push({
          id: ctx.random.uuid(createdAtMs),
          email,
          firstName,
          lastName,
          locale: ctx.random.chance(0.05) ? 'en' : 'fr',
          profile: profile.key,
          roleCodes: profile.roles,
          permissions,
          disciplineCode,
          createdAtMs,
          caseloadWeight: Math.min(3, Math.max(0.3, Math.exp(0.5 * ctx.random.normal()))) * (ctx.random.chance(0.2) ? 0.5 : 1),
        });
      }
    }
    staff.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));

    const orgId = organization.id;
    await insertRows(
      ctx.client,
      'staff_member',
      [
        { name: 'organization_id', type: 'uuid', value: () => orgId },
        { name: 'id', type: 'uuid', value: (s) => s.id },
        { name: 'email', type: 'citext', value: (s) => s.email },
        { name: 'first_name', type: 'text', value: (s) => s.firstName },
        { name: 'last_name', type: 'text', value: (s) => s.lastName },
        { name: 'password_hash', type: 'text', value: () => passwordHash },
        { name: 'locale', type: 'text', value: (s) => s.locale },
        { name: 'password_changed_at', type: 'timestamptz', value: (s) => new Date(s.createdAtMs).toISOString() },
        { name: 'created_at', type: 'timestamptz', value: (s) => new Date(s.createdAtMs).toISOString() },
      ],
      staff,
      (n) => ctx.progress.advance(n),
    );
    const roleRows = staff.flatMap((s) => s.roleCodes.map((code) => ({ staffMemberId: s.id, roleId: organization.roleIds.get(code)! })));
    await insertRows(
      ctx.client,
      'staff_role',
      [
        { name: 'organization_id', type: 'uuid', value: () => orgId },
        { name: 'staff_member_id', type: 'uuid', value: (r) => r.staffMemberId },
        { name: 'role_id', type: 'uuid', value: (r) => r.roleId },
      ],
      roleRows,
    );
    const disciplineRows = staff.flatMap((s) => (s.disciplineCode ? [{ staffMemberId: s.id, disciplineId: organization.disciplineIds.get(s.disciplineCode)! }] : []));
    await insertRows(
      ctx.client,
      'staff_discipline',
      [
        { name: 'organization_id', type: 'uuid', value: () => orgId },
        { name: 'staff_member_id', type: 'uuid', value: (r) => r.staffMemberId },
        { name: 'discipline_id', type: 'uuid', value: (r) => r.disciplineId },
      ],
      disciplineRows,
    );
    return staff;
  },
};
