import type { Db } from '../db/connection.js';
import { inTenant, type Tx } from '../db/transaction.js';
import { DomainError } from '../lib/domain-error.js';
import type { Locale } from '../lib/i18n.js';
import { auditInsertStatement, recordAuditEvents, type AuditEntry } from '../modules/audit/record-audit-event.js';
import { claimIdempotencyKey, storeIdempotentResult, type IdempotencyKey } from '../modules/requests/idempotency.js';

/** Who is acting: a signed-in staff member, as resolved from their session. */
export interface Actor {
  staffMemberId: string;
  organizationId: string;
  sessionId: string;
  permissions: readonly string[];
  roleCodes: readonly string[];
  locale: Locale;
  /** The structure's time zone: its calendar day and clock times ("modifié à 10:42"). */
  timeZone: string;
}

export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

/** What a use case receives: its transaction (scoped to the actor's organization), the actor, and the audit writer. */
export interface Ctx {
  tx: Tx;
  actor: Actor;
  organizationId: string;
  meta: RequestMeta;
  /** Records an audit event, written in this same transaction just before it commits. */
  audit: (entry: AuditEntry) => void;
}

/**
 * Runs one use case for an actor: one transaction with row level security set to the actor's
 * organization, audit events written in it before commit. A refusal rolls the work back and is
 * then audited on its own, so denied attempts on a person's record leave a trace.
 */
export async function runAsActor<T>(db: Db, actor: Actor, meta: RequestMeta, work: (ctx: Ctx) => Promise<T>, idempotency?: IdempotencyKey): Promise<T> {
  const origin = { organizationId: actor.organizationId, actorId: actor.staffMemberId, ip: meta.ip, requestId: meta.requestId };
  const scope = { organizationId: actor.organizationId, staffMemberId: actor.staffMemberId };
  const pending: AuditEntry[] = [];
  try {
    return await inTenant(
      db,
      { organizationId: actor.organizationId, actorId: actor.staffMemberId },
      async (tx) => {
        if (idempotency) {
          const claim = await claimIdempotencyKey(tx, scope, idempotency);
          // A retry gets the first result and has no effect of its own (the first request was audited).
          if (claim.replay) return claim.result as T;
        }
        const ctx: Ctx = { tx, actor, organizationId: actor.organizationId, meta, audit: (entry) => pending.push(entry) };
        const result = await work(ctx);
        if (idempotency) await storeIdempotentResult(tx, scope, idempotency.key, result);
        return result;
      },
      // The audit events are written with the COMMIT itself: same transaction, one round trip less.
      (literal) => auditInsertStatement(origin, pending, literal),
    );
  } catch (error) {
    if (error instanceof DomainError && error.auditHint) {
      const hint = error.auditHint;
      await inTenant(db, { organizationId: actor.organizationId, actorId: actor.staffMemberId }, (tx) =>
        recordAuditEvents(tx, origin, [{ action: hint.action, outcome: 'denied', personId: hint.personId, details: { reason: error.code } }]),
      );
    }
    throw error;
  }
}

/** What a public (no account) use case receives: a transaction scoped to the organization addressed. */
export interface PublicCtx {
  tx: Tx;
  organizationId: string;
  meta: RequestMeta;
  audit: (entry: AuditEntry) => void;
}

/**
 * Runs a use case for someone without an account (the public self-referral form): row level
 * security set to the organization the form belongs to, no actor, audit events written with the commit.
 */
export async function runAsPublic<T>(db: Db, organizationId: string, meta: RequestMeta, work: (ctx: PublicCtx) => Promise<T>): Promise<T> {
  const origin = { organizationId, actorId: null, ip: meta.ip, requestId: meta.requestId };
  const pending: AuditEntry[] = [];
  return inTenant(
    db,
    { organizationId, actorId: null },
    (tx) => work({ tx, organizationId, meta, audit: (entry) => pending.push(entry) }),
    (literal) => auditInsertStatement(origin, pending, literal),
  );
}
