import type { Ctx } from '../../server/context.js';
import { listPersonEpisodes } from '../admissions/manage-episode.js';
import { listCareTeam } from './manage-care-team.js';
import { listRelatives } from './manage-relatives.js';
import { readPerson } from './read-person.js';

/**
 * What the care team sees first when opening a record: who the person is, who follows them, who
 * matters around them, and where they stand in each service. One transaction; each part checks the
 * policy and is audited as it would be alone.
 */
export async function readPersonSummary(ctx: Ctx, personId: string, today: string) {
  const record = await readPerson(ctx, personId, today);
  const careTeam = await listCareTeam(ctx, personId);
  const relatives = await listRelatives(ctx, personId);
  const episodes = await listPersonEpisodes(ctx, personId);
  const name = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`;
  const legal = relatives.filter((r) => r.isLegalRepresentative);
  const trusted = relatives.find((r) => r.isTrustedPerson);
  return {
    person: record,
    careTeam: careTeam.map((m) => ({ staffMemberId: m.staffMemberId, name: name(m), disciplineNameFr: m.disciplineNameFr, disciplineNameEn: m.disciplineNameEn })),
    circle: {
      relatives: relatives.length,
      legalRepresentatives: legal.map((r) => ({ id: r.id, name: name(r), relationship: r.relationship })),
      trustedPerson: trusted ? { id: trusted.id, name: name(trusted), relationship: trusted.relationship } : null,
      takingPartInPlan: relatives.filter((r) => r.takesPartInPlan).length,
    },
    currentEpisodes: episodes
      .filter((e) => e.endedOn === null)
      .map((e) => ({
        id: e.id,
        serviceName: e.serviceName,
        referentName: e.referentName,
        coordinatorName: e.coordinatorName,
        phaseLabel: e.phaseLabel,
        startedOn: e.startedOn,
        plannedEndOn: e.plannedEndOn,
      })),
    endedEpisodes: episodes.filter((e) => e.endedOn !== null).length,
  };
}
