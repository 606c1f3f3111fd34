import { and, desc, eq, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { episodeFacts } from '../admissions/manage-episode.js';
import { organization } from '../organizations/schema.js';
import { defaultContractTemplates } from './default-templates.js';
import { contentHash } from './plan-content.js';
import { agreementComplete, agreementsOn, recordAgreement, type AgreementInput } from './record-agreement.js';
import { contractVersion, documentTemplate, type ContractKind } from './schema.js';

/** The structure's contract and DIPC templates; the French defaults are there from the first look. */
export async function listDocumentTemplates(ctx: Ctx) {
  await requireAccess(ctx, 'template.read');
  for (const [kind, t] of Object.entries(defaultContractTemplates)) {
    await ctx.tx.insert(documentTemplate).values({ organizationId: ctx.organizationId, kind: kind as ContractKind, title: t.title, body: t.body }).onConflictDoNothing();
  }
  const rows = await ctx.tx.select().from(documentTemplate).where(eq(documentTemplate.organizationId, ctx.organizationId)).orderBy(documentTemplate.kind);
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, updatedAt: r.updatedAt.toISOString() }));
}

export const contractPlaceholders = ['structure.nom', 'personne.nom', 'personne.date_naissance', 'dispositif.nom', 'prise_en_charge.debut', 'prise_en_charge.fin_prevue', 'referent.nom', 'coordonnateur.nom', 'date'] as const;

export async function updateDocumentTemplate(ctx: Ctx, kind: ContractKind, input: { title: string; body: string }): Promise<void> {
  await requireAccess(ctx, 'template.manage');
  const unknown = [...input.body.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!).filter((p) => !(contractPlaceholders as readonly string[]).includes(p));
  if (unknown.length) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.body', message: { fr: `Champs inconnus : ${unknown.map((u) => `{{${u}}}`).join(', ')}.`, en: `Unknown fields: ${unknown.map((u) => `{{${u}}}`).join(', ')}.` } }]);
  }
  await listDocumentTemplates(ctx);
  await ctx.tx
    .update(documentTemplate)
    .set({ title: input.title.trim(), body: input.body, updatedBy: ctx.actor.staffMemberId, updatedAt: new Date() })
    .where(and(eq(documentTemplate.organizationId, ctx.organizationId), eq(documentTemplate.kind, kind)));
  ctx.audit({ action: 'document_template.updated', targetType: 'document_template', targetId: kind });
}

const frenchDay = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }) : 'non précisée');

/**
 * Generates the next version of an episode's contract of stay or DIPC from the structure's
 * template, filled in with the episode's facts. Its text is then never changed (trigger).
 */
export async function generateContract(ctx: Ctx, episodeId: string, input: { kind: ContractKind; today: string }): Promise<{ id: string; number: number }> {
  const episode = await episodeFacts(ctx, episodeId, 'plan.write');
  if (episode.endedOn) throw new DomainError('episode_ended');
  const templates = await listDocumentTemplates(ctx);
  const template = templates.find((t) => t.kind === input.kind)!;
  const [org] = await ctx.tx.select({ name: organization.name }).from(organization).where(eq(organization.id, ctx.organizationId));
  const values: Record<(typeof contractPlaceholders)[number], string> = {
    'structure.nom': org!.name,
    'personne.nom': episode.personName,
    'personne.date_naissance': frenchDay(episode.personBirthDate),
    'dispositif.nom': episode.serviceName,
    'prise_en_charge.debut': frenchDay(episode.startedOn),
    'prise_en_charge.fin_prevue': frenchDay(episode.plannedEndOn),
    'referent.nom': episode.referentName,
    'coordonnateur.nom': episode.coordinatorName,
    date: frenchDay(input.today),
  };
  const body = template.body.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, key: string) => values[key as keyof typeof values] ?? whole);
  const [last] = await ctx.tx
    .select({ number: contractVersion.number })
    .from(contractVersion)
    .where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.episodeId, episodeId)))
    .orderBy(desc(contractVersion.number))
    .limit(1);
  const number = (last?.number ?? 0) + 1;
  const id = newId();
  try {
    await ctx.tx.insert(contractVersion).values({ organizationId: ctx.organizationId, id, episodeId, kind: input.kind, number, title: template.title, body, contentHash: contentHash({ title: template.title, body }), createdBy: ctx.actor.staffMemberId });
  } catch (error) {
    if (isUniqueViolation(error, 'contract_version_number_unique')) throw new DomainError('conflict');
    throw error;
  }
  ctx.audit({ action: 'contract.generated', personId: episode.personId, targetType: 'contract_version', targetId: id, details: { kind: input.kind, number } });
  return { id, number };
}

async function contractFor(ctx: Ctx, contractId: string, action: 'plan.read' | 'plan.write') {
  const [row] = await ctx.tx.select().from(contractVersion).where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.id, contractId)));
  if (!row) throw new DomainError('not_found');
  const episode = await episodeFacts(ctx, row.episodeId, action);
  if (action === 'plan.write') {
    if (episode.endedOn) throw new DomainError('episode_ended');
    // Only the latest version is handed over and signed: an older one stays as it was.
    const [latest] = await ctx.tx
      .select({ id: contractVersion.id })
      .from(contractVersion)
      .where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.episodeId, row.episodeId)))
      .orderBy(desc(contractVersion.number))
      .limit(1);
    if (latest?.id !== contractId) throw new DomainError('contract_version_not_current');
  }
  return { contract: row, episode };
}

/** The day the contract was handed over to the person (set once). */
export async function markContractHandedOver(ctx: Ctx, contractId: string, input: { on: string }): Promise<void> {
  const { contract, episode } = await contractFor(ctx, contractId, 'plan.write');
  if (contract.handedOverOn) throw new DomainError('conflict');
  await ctx.tx.update(contractVersion).set({ handedOverOn: input.on }).where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.id, contractId)));
  ctx.audit({ action: 'contract.handed_over', personId: episode.personId, targetType: 'contract_version', targetId: contractId });
}

/** A party signs the contract version (or refuses); once both sides have, it is signed on the last date. */
export async function recordContractAgreement(ctx: Ctx, contractId: string, input: AgreementInput): Promise<{ signed: boolean }> {
  const { contract, episode } = await contractFor(ctx, contractId, 'plan.write');
  if (contract.signedOn) throw new DomainError('agreement_already_recorded');
  const parties = await recordAgreement(ctx, { type: 'contract_version', id: contractId, contentHash: contract.contentHash }, episode, episode.personName, input);
  if (!agreementComplete(parties)) return { signed: false };
  await ctx.tx
    .update(contractVersion)
    .set({ signedOn: input.signedOn, handedOverOn: sql`coalesce(${contractVersion.handedOverOn}, ${input.signedOn}::date)` })
    .where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.id, contractId)));
  return { signed: true };
}

/** An episode's contract versions with their agreements, for the care team. */
export async function listEpisodeContracts(ctx: Ctx, episodeId: string) {
  const episode = await episodeFacts(ctx, episodeId, 'plan.read');
  const rows = await ctx.tx.select().from(contractVersion).where(and(eq(contractVersion.organizationId, ctx.organizationId), eq(contractVersion.episodeId, episodeId))).orderBy(desc(contractVersion.number));
  const agreements = await agreementsOn(ctx, 'contract_version', rows.map((r) => r.id));
  ctx.audit({ action: 'contract.listed', personId: episode.personId, targetType: 'episode', targetId: episodeId });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    number: r.number,
    title: r.title,
    body: r.body,
    contentHash: r.contentHash,
    handedOverOn: r.handedOverOn,
    signedOn: r.signedOn,
    createdAt: r.createdAt.toISOString(),
    agreements: agreements.filter((a) => a.subjectId === r.id).map(({ subjectId: _s, ...a }) => a),
  }));
}
