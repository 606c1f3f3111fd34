import crypto from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { newId } from '../../db/columns.js';
import type { Tx } from '../../db/transaction.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { session, type SessionStage } from './schema.js';

export interface SessionLifetime {
  idleMinutes: number;
  absoluteHours: number;
}

export interface OpenedSession {
  sessionId: string;
  token: string;
  stage: SessionStage;
}

/** Creates a session; only the SHA-256 of its token is stored. */
export async function openSession(
  tx: Tx,
  input: { organizationId: string; staffMemberId: string; stage: SessionStage; ip: string | null; userAgent: string | null; lifetime: SessionLifetime },
): Promise<OpenedSession> {
  const token = newSecretToken();
  const sessionId = newId();
  await tx.insert(session).values({
    organizationId: input.organizationId,
    id: sessionId,
    tokenHash: hashToken(token),
    staffMemberId: input.staffMemberId,
    stage: input.stage,
    csrfToken: crypto.randomBytes(24).toString('base64url'),
    expiresAt: sql`now() + make_interval(hours => ${input.lifetime.absoluteHours})`,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
  return { sessionId, token, stage: input.stage };
}

/**
 * Moves a session to a new stage under a new token (the old cookie stops working), as when the
 * second factor is checked: a token seen before the privilege change is worth nothing after it.
 */
export async function advanceSession(tx: Tx, organizationId: string, sessionId: string, stage: SessionStage): Promise<string> {
  const token = newSecretToken();
  await tx
    .update(session)
    .set({ stage, tokenHash: hashToken(token), lastSeenAt: sql`now()` })
    .where(and(eq(session.organizationId, organizationId), eq(session.id, sessionId)));
  return token;
}

/** Revokes every live session of a staff member, except `keepSessionId` when given. */
export async function revokeSessions(tx: Tx, organizationId: string, staffMemberId: string, reason: string, keepSessionId?: string): Promise<number> {
  const revoked = await tx
    .update(session)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(session.organizationId, organizationId),
        eq(session.staffMemberId, staffMemberId),
        isNull(session.revokedAt),
        keepSessionId ? ne(session.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: session.id });
  return revoked.length;
}
