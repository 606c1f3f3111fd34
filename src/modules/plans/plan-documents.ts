import { and, desc, eq } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { disciplineNames } from '../organizations/list-catalogue.js';
import { organization } from '../organizations/schema.js';
import { partnerNames } from '../partners/manage-partners.js';
import { currentRelativeIds } from '../people/manage-relatives.js';
import { staffNames } from '../staff/staff-queries.js';
import { renderContractPdf, renderPlanPdf } from './plan-document.js';
import { agreementsOn } from './record-agreement.js';
import { contractVersion, plan, planEvaluation, planVersion } from './schema.js';

async function letterhead(ctx: Ctx) {
  const [org] = await ctx.tx.select({ name: organization.name, address: organization.address, phone: organization.phone, email: organization.email }).from(organization).where(eq(organization.id, ctx.organizationId));
  return org!;
}

const day = (at: Date, timeZone: string) => at.toLocaleDateString('en-CA', { timeZone });

/** A plan version as a PDF for the person and the team (made from the version as recorded). */
export async function planVersionPdf(ctx: Ctx, versionId: string, locale: 'fr' | 'en'): Promise<{ filename: string; pdf: Uint8Array }> {
  const [row] = await ctx.tx
    .select({ version: planVersion, episodeId: plan.episodeId })
    .from(planVersion)
    .innerJoin(plan, and(eq(plan.organizationId, planVersion.organizationId), eq(plan.id, planVersion.planId)))
    .where(and(eq(planVersion.organizationId, ctx.organizationId), eq(planVersion.id, versionId)));
  if (!row) throw new DomainError('not_found');
  const episode = await episodeFacts(ctx, row.episodeId, 'plan.read');
  const v = row.version;
  const actors = v.content.goals.flatMap((g) => g.actions.map((a) => a.who));
  const ids = (key: 'staffMemberId' | 'disciplineId' | 'partnerId') => [...new Set(actors.map((w) => w[key]).filter((x): x is string => !!x))];
  const [evaluation] = await ctx.tx
    .select()
    .from(planEvaluation)
    .where(and(eq(planEvaluation.organizationId, ctx.organizationId), eq(planEvaluation.versionId, versionId)))
    .orderBy(desc(planEvaluation.evaluatedOn), desc(planEvaluation.createdAt))
    .limit(1);
  const relatives = await currentRelativeIds(ctx, episode.personId);
  const author = await staffNames(ctx, [v.createdBy, ...ids('staffMemberId')]);
  const pdf = await renderPlanPdf({
    locale,
    organization: await letterhead(ctx),
    personName: episode.personName,
    personBirthDate: episode.personBirthDate,
    serviceName: episode.serviceName,
    referentName: episode.referentName,
    coordinatorName: episode.coordinatorName,
    episodeStartedOn: episode.startedOn,
    version: { number: v.number, status: v.status, createdOn: day(v.createdAt, ctx.actor.timeZone), createdByName: author[v.createdBy] ?? '', agreedOn: v.agreedOn, activeFrom: v.activeFrom, contentHash: v.contentHash },
    content: v.content,
    names: { staff: author, disciplines: await disciplineNames(ctx, ids('disciplineId'), locale), partners: await partnerNames(ctx, ids('partnerId')), relatives: Object.fromEntries(relatives.names) },
    agreements: await agreementsOn(ctx, 'plan_version', [versionId]),
    lastEvaluation: evaluation ? { evaluatedOn: evaluation.evaluatedOn, tScore: evaluation.tScore, scores: evaluation.scores, personView: evaluation.personView } : null,
  });
  ctx.audit({ action: 'plan.document_generated', personId: episode.personId, targetType: 'plan_version', targetId: versionId });
  return { filename: `projet-personnalise-v${v.number}.pdf`, pdf };
}

/** A contract version as a PDF, with its signatures. */
export async function contractPdf(ctx: Ctx, contractId: string, locale: 'fr' | 'en'): Promise<{ filename: string; pdf: Uint8Array }> {
  const [c] = await ctx.tx.select().from(contractVersion).where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.id, contractId)));
  if (!c) throw new DomainError('not_found');
  const episode = await episodeFacts(ctx, c.episodeId, 'plan.read');
  const pdf = await renderContractPdf({
    locale,
    organization: await letterhead(ctx),
    title: c.title,
    body: c.body,
    number: c.number,
    personName: episode.personName,
    handedOverOn: c.handedOverOn,
    signedOn: c.signedOn,
    contentHash: c.contentHash,
    agreements: await agreementsOn(ctx, 'contract_version', [contractId]),
  });
  ctx.audit({ action: 'contract.document_generated', personId: episode.personId, targetType: 'contract_version', targetId: contractId });
  return { filename: `${c.kind === 'dipc' ? 'dipc' : 'contrat-de-sejour'}-v${c.number}.pdf`, pdf };
}
