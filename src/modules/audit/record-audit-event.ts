import type { Literal, Tx } from '../../db/transaction.js';
import { auditEvent, type AuditOutcome } from './schema.js';

export interface AuditEntry {
  /** What happened, as `module.verb` ("person.read", "auth.sign_in"). */
  action: string;
  outcome?: AuditOutcome;
  personId?: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export interface AuditOrigin {
  organizationId: string;
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Events of no organization (a failed sign-in for an unknown address) chain under this id. */
export const installationOrganizationId = '00000000-0000-0000-0000-000000000000';

/**
 * Writes audit events in the caller's transaction, so that an event exists exactly when the change
 * or read it describes committed. One INSERT for the whole batch.
 */
export async function recordAuditEvents(tx: Tx, origin: AuditOrigin, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvent).values(
    entries.map((e) => ({
      organizationId: origin.organizationId,
      actorId: origin.actorId,
      action: e.action,
      outcome: e.outcome ?? 'success',
      personId: e.personId ?? null,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      ip: origin.ip,
      requestId: origin.requestId,
      details: e.details ?? {},
    })),
  );
}

/**
 * The same events as one INSERT statement in plain text, every value quoted by the driver's own
 * escaping, so that it can travel with the transaction's COMMIT (one round trip less per request).
 */
export function auditInsertStatement(origin: AuditOrigin, entries: readonly AuditEntry[], literal: Literal): string {
  if (entries.length === 0) return '';
  const rows = entries.map((e) =>
    [
      `${literal(origin.organizationId)}::uuid`,
      `${literal(origin.actorId)}::uuid`,
      literal(e.action),
      literal(e.outcome ?? 'success'),
      `${literal(e.personId ?? null)}::uuid`,
      literal(e.targetType ?? null),
      literal(e.targetId ?? null),
      `${literal(origin.ip)}::inet`,
      literal(origin.requestId),
      `${literal(JSON.stringify(e.details ?? {}))}::jsonb`,
    ].join(', '),
  );
  return `INSERT INTO audit_event (organization_id, actor_id, action, outcome, person_id, target_type, target_id, ip, request_id, details) VALUES (${rows.join('), (')})`;
}
