import { DomainError } from '../../lib/domain-error.js';
import { todayIn } from '../../lib/time.js';
import type { Ctx } from '../../server/context.js';
import { knownDisciplineIds } from '../organizations/list-catalogue.js';
import { currentRelativeIds } from '../people/manage-relatives.js';
import { staffNames } from '../staff/staff-queries.js';
import type { Participant } from './schema.js';

/**
 * Who took part, as stored: staff members of the structure (any status: someone who took part and
 * left since still did), disciplines of the structure, relatives in the person's circle. Refused
 * field by field otherwise.
 */
export async function checkParticipants(ctx: Ctx, personId: string, participants: Participant[], path = 'body.participants'): Promise<Participant[]> {
  const staffIds = [...new Set(participants.map((p) => p.staffMemberId).filter((x): x is string => !!x))];
  const disciplineIds = [...new Set(participants.map((p) => p.disciplineId).filter((x): x is string => !!x))];
  const staff = await staffNames(ctx, staffIds);
  const disciplines = await knownDisciplineIds(ctx, disciplineIds);
  const relatives = participants.some((p) => p.kind === 'relative') ? (await currentRelativeIds(ctx, personId)).all : new Set<string>();
  const problems = [];
  for (const [i, p] of participants.entries()) {
    const at = `${path}.${i}`;
    if (p.kind === 'staff' && (!p.staffMemberId || !staff[p.staffMemberId])) problems.push({ field: `${at}.staffMemberId`, message: { fr: 'Professionnel inconnu.', en: 'Unknown staff member.' } });
    if (p.disciplineId && !disciplines.has(p.disciplineId)) problems.push({ field: `${at}.disciplineId`, message: { fr: 'Discipline inconnue.', en: 'Unknown discipline.' } });
    if (p.kind === 'relative' && (!p.relativeId || !relatives.has(p.relativeId))) problems.push({ field: `${at}.relativeId`, message: { fr: 'Ce proche ne fait pas partie de l’entourage de la personne.', en: 'This relative is not in the person’s circle.' } });
    if (p.kind === 'other' && !p.name?.trim()) problems.push({ field: `${at}.name`, message: { fr: 'Indiquez le nom de cette personne.', en: 'Give this person’s name.' } });
  }
  if (problems.length) throw new DomainError('validation_failed', {}, problems);
  return participants.map((p) => ({
    kind: p.kind,
    ...(p.kind === 'staff' ? { staffMemberId: p.staffMemberId ?? null, disciplineId: p.disciplineId ?? null } : {}),
    ...(p.kind === 'relative' ? { relativeId: p.relativeId ?? null } : {}),
    ...(p.kind === 'other' ? { name: p.name?.trim() ?? null } : {}),
  }));
}

/** A date of something that happened (assessed, evaluated, noted) cannot be after today in the structure's calendar. */
export function refuseFutureDay(ctx: Ctx, day: string, field: string): void {
  if (day > todayIn(ctx.actor.timeZone)) {
    throw new DomainError('validation_failed', {}, [{ field, message: { fr: 'Cette date est dans le futur.', en: 'This date is in the future.' } }]);
  }
}
