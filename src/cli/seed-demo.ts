import type { Db } from '../db/connection.js';
import { resolveSession } from '../modules/identity/resolve-session.js';
import type { SessionLifetime } from '../modules/identity/open-session.js';
import { signOut } from '../modules/identity/sign-out.js';
import { issueSetupLink } from '../modules/organizations/issue-setup-link.js';
import { setUpOrganization } from '../modules/organizations/set-up-organization.js';
import { addCareTeamMember } from '../modules/people/manage-care-team.js';
import { createPerson } from '../modules/people/create-person.js';
import { acceptInvitation } from '../modules/staff/accept-invitation.js';
import { inviteStaffMember } from '../modules/staff/invite-staff-member.js';
import { listCatalogue } from '../modules/organizations/list-catalogue.js';
import { runAsActor, type Actor, type RequestMeta } from '../server/context.js';
import { seedDemoAdmissions, type DemoAdmission } from './seed-demo-admissions.js';
import { seedDemoPlans } from './seed-demo-plans.js';
import { seedDemoContinuity } from './seed-demo-continuity.js';
import { seedDemoScheduling } from './seed-demo-scheduling.js';
import { demoAccounts, demoOrganization, demoPassword, demoPeople, type DemoAccountKey } from './demo-data.js';

const meta: RequestMeta = { ip: null, requestId: 'demo-seed', userAgent: 'relais-demo' };
const origin = { ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };

async function actorOf(db: Db, token: string, lifetime: SessionLifetime): Promise<Actor> {
  const session = await resolveSession(db, token, lifetime.idleMinutes);
  if (!session) throw new Error('the demo session just opened cannot be resolved');
  return {
    staffMemberId: session.staffMemberId,
    organizationId: session.organizationId,
    sessionId: session.sessionId,
    permissions: session.permissions,
    roleCodes: session.roleCodes,
    locale: session.locale,
    timeZone: session.organizationTimeZone,
  };
}

/**
 * Fills an empty installation with the demo structure through the same use cases as the API: the
 * administrator sets the structure up and invites the team, each colleague accepts, the
 * coordinator opens the records and forms the care teams. So the demo obeys every rule and leaves
 * the audit trail a real structure would. Returns false (and changes nothing) when an
 * organization already exists.
 */
export async function seedDemo(db: Db, lifetime: SessionLifetime): Promise<boolean> {
  const setupToken = await issueSetupLink(db);
  if (!setupToken) return false;
  const [administrator, ...colleagues] = demoAccounts;
  if (!administrator) throw new Error('no demo administrator');

  const setUp = await setUpOrganization(
    db,
    {
      token: setupToken,
      organization: demoOrganization,
      administrator: { firstName: administrator.firstName, lastName: administrator.lastName, email: administrator.email, password: demoPassword, locale: 'fr' },
    },
    origin,
    lifetime,
  );
  const admin = await actorOf(db, setUp.session.token, lifetime);
  const catalogue = await runAsActor(db, admin, meta, listCatalogue);
  const roleId = new Map(catalogue.roles.map((r) => [r.code, r.id]));
  const disciplineId = new Map(catalogue.disciplines.map((d) => [d.code, d.id]));

  const actors = new Map<DemoAccountKey, Actor>([[administrator.key, admin]]);
  const disciplineOf = new Map<DemoAccountKey, string | null>();
  for (const account of colleagues) {
    const invitation = await runAsActor(db, admin, meta, (ctx) =>
      inviteStaffMember(ctx, {
        email: account.email,
        firstName: account.firstName,
        lastName: account.lastName,
        roleIds: account.roles.map((code) => roleId.get(code)!),
        disciplineIds: account.discipline ? [disciplineId.get(account.discipline)!] : [],
      }),
    );
    const accepted = await acceptInvitation(db, { token: invitation.token, password: demoPassword, locale: 'fr' }, origin, lifetime);
    actors.set(account.key, await actorOf(db, accepted.session.token, lifetime));
    disciplineOf.set(account.key, account.discipline ? disciplineId.get(account.discipline)! : null);
  }

  const coordinator = actors.get('coordinator');
  if (!coordinator) throw new Error('no demo coordinator');
  const created: DemoAdmission[] = [];
  for (const person of demoPeople) {
    const { id } = await runAsActor(db, coordinator, meta, (ctx) => createPerson(ctx, { firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate }));
    created.push({ personId: id, firstName: person.firstName, lastName: person.lastName, referentId: actors.get(person.team[0]!)!.staffMemberId });
    for (const key of person.team) {
      const member = actors.get(key)!;
      await runAsActor(db, coordinator, meta, (ctx) => addCareTeamMember(ctx, id, { staffMemberId: member.staffMemberId, disciplineId: disciplineOf.get(key) ?? null }));
    }
  }

  const episodes = await seedDemoAdmissions(db, setUp.organizationId, coordinator, actors.get('peer_support')!.staffMemberId, created);
  const byStaffId = new Map([...actors.values()].map((a) => [a.staffMemberId, a]));
  await seedDemoPlans(db, (id) => byStaffId.get(id)!, episodes);
  const staff = [...actors.entries()].map(([key, actor]) => ({ key, actor }));
  await seedDemoScheduling(db, coordinator, staff, episodes);
  await seedDemoContinuity(db, coordinator, staff, episodes);

  // The sessions opened while seeding belong to no one: close them.
  for (const actor of actors.values()) await runAsActor(db, actor, meta, signOut);
  return true;
}
