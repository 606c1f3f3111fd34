import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError } from '../../lib/domain-error.js';
import { optionalText } from '../../lib/text.js';
import type { Ctx } from '../../server/context.js';
import type { EpisodeFacts } from '../admissions/manage-episode.js';
import { currentRelativeIds } from '../people/manage-relatives.js';
import { agreement, type AgreementParty } from './schema.js';

export interface AgreementInput {
  party: AgreementParty;
  outcome: 'signed' | 'refused';
  /** For the legal representative: who among the person's relatives. */
  relativeId?: string | null | undefined;
  /** For the person: their name as they sign (defaults to the record's). */
  signerName?: string | null | undefined;
  refusalNote?: string | null | undefined;
  signatureImage?: string | null | undefined;
  signedOn: string;
  /** The hash of the version the signer was shown: a version changed since is refused. */
  contentHash: string;
}

/**
 * Records one party's agreement to an exact version (plan or contract), or their refusal to sign
 * with what they said. The référent signs on their own account; the legal representative must be
 * one in the person's circle. Each party once per version (unique), never edited (trigger).
 * Returns the parties recorded so far.
 */
export async function recordAgreement(
  ctx: Ctx,
  subject: { type: 'plan_version' | 'contract_version'; id: string; contentHash: string },
  episode: EpisodeFacts,
  personName: string,
  input: AgreementInput,
): Promise<Set<AgreementParty>> {
  if (input.contentHash !== subject.contentHash) throw new DomainError('version_changed');
  let signerName: string;
  let relativeId: string | null = null;
  let staffMemberId: string | null = null;
  if (input.party === 'referent') {
    if (ctx.actor.staffMemberId !== episode.referentId) {
      throw new DomainError('validation_failed', {}, [{ field: 'body.party', message: { fr: `Seul·e le ou la référent·e (${episode.referentName}) signe pour l’équipe, depuis son compte.`, en: `Only the référent (${episode.referentName}) signs for the team, from their own account.` } }]);
    }
    signerName = episode.referentName;
    staffMemberId = ctx.actor.staffMemberId;
  } else if (input.party === 'legal_representative') {
    const relatives = await currentRelativeIds(ctx, episode.personId);
    if (!input.relativeId || !relatives.legalRepresentatives.has(input.relativeId)) {
      throw new DomainError('validation_failed', {}, [{ field: 'body.relativeId', message: { fr: 'Choisissez un représentant légal enregistré dans l’entourage de la personne.', en: 'Choose a legal representative recorded in the person’s circle.' } }]);
    }
    relativeId = input.relativeId;
    signerName = relatives.names.get(input.relativeId)!;
  } else {
    signerName = optionalText(input.signerName) ?? personName;
  }
  if (input.outcome === 'refused' && !optionalText(input.refusalNote)) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.refusalNote', message: { fr: 'Notez ce que la personne a exprimé en refusant de signer.', en: 'Note what the person said when refusing to sign.' } }]);
  }
  if (input.signatureImage && !/^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(input.signatureImage)) {
    throw new DomainError('validation_failed', {}, [{ field: 'body.signatureImage', message: { fr: 'Signature illisible (image PNG attendue).', en: 'Unreadable signature (PNG image expected).' } }]);
  }
  try {
    await ctx.tx.insert(agreement).values({
      organizationId: ctx.organizationId,
      subjectType: subject.type,
      subjectId: subject.id,
      contentHash: subject.contentHash,
      personId: episode.personId,
      party: input.party,
      signerName,
      relativeId,
      staffMemberId,
      outcome: input.outcome,
      refusalNote: input.outcome === 'refused' ? (optionalText(input.refusalNote) ?? null) : null,
      signatureImage: input.outcome === 'signed' ? (input.signatureImage ?? null) : null,
      signedOn: input.signedOn,
      recordedBy: ctx.actor.staffMemberId,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'agreement_one_per_party')) throw new DomainError('agreement_already_recorded');
    throw error;
  }
  ctx.audit({ action: `${subject.type === 'plan_version' ? 'plan' : 'contract'}.agreement_recorded`, personId: episode.personId, targetType: subject.type, targetId: subject.id, details: { party: input.party, outcome: input.outcome } });
  const parties = await ctx.tx
    .select({ party: agreement.party })
    .from(agreement)
    .where(and(eq(agreement.organizationId, ctx.organizationId), eq(agreement.subjectType, subject.type), eq(agreement.subjectId, subject.id)));
  return new Set(parties.map((p) => p.party));
}

/** Both sides have spoken: the person (or their legal representative) and the référent. */
export const agreementComplete = (parties: Set<AgreementParty>) => parties.has('referent') && (parties.has('person') || parties.has('legal_representative'));

/** The agreements recorded on some versions, for display (signature images left out). */
export async function agreementsOn(ctx: Ctx, type: 'plan_version' | 'contract_version', ids: string[]) {
  if (!ids.length) return [];
  const rows = await ctx.tx
    .select({ subjectId: agreement.subjectId, party: agreement.party, signerName: agreement.signerName, outcome: agreement.outcome, refusalNote: agreement.refusalNote, signedOn: agreement.signedOn, recordedAt: agreement.recordedAt, drawnSignature: sql<boolean>`${agreement.signatureImage} IS NOT NULL` })
    .from(agreement)
    .where(and(eq(agreement.organizationId, ctx.organizationId), eq(agreement.subjectType, type), inArray(agreement.subjectId, ids)))
    .orderBy(asc(agreement.recordedAt));
  return rows.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
}
