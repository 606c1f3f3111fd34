import { and, asc, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../lib/domain-error.js';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { staffNames } from '../staff/staff-queries.js';
import { teamMessage, teamMessageRead, teamThread } from './schema.js';

// Team exchanges are part of the person's record: the same rule as the record (the care team),
// every read and every message audited, messages never changed (trigger), read receipts kept.

export interface ThreadSummary {
  id: string;
  subject: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  unreadCount: number;
}

export interface ThreadView {
  id: string;
  personId: string;
  subject: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  messages: {
    id: string;
    author: { id: string; name: string };
    body: string;
    createdAt: string;
    /** Who read it (its author aside), and when. */
    readBy: { staffMemberId: string; name: string; readAt: string }[];
  }[];
}

/** The thread's person, so that the access rule can be checked on it; 404 when unknown. */
async function threadPerson(ctx: Ctx, threadId: string, lock = false): Promise<string> {
  const query = ctx.tx
    .select({ personId: teamThread.personId })
    .from(teamThread)
    .where(and(eq(teamThread.organizationId, ctx.organizationId), eq(teamThread.id, threadId)));
  const [found] = lock ? await query.for('update') : await query;
  if (!found) throw new DomainError('not_found');
  return found.personId;
}

async function insertMessage(ctx: Ctx, threadId: string, body: string): Promise<string> {
  const [message] = await ctx.tx
    .insert(teamMessage)
    .values({ organizationId: ctx.organizationId, threadId, authorId: ctx.actor.staffMemberId, body: body.trim() })
    .returning({ id: teamMessage.id });
  if (!message) throw new Error('message not inserted');
  // The author has read what they wrote.
  await ctx.tx.insert(teamMessageRead).values({ organizationId: ctx.organizationId, messageId: message.id, staffMemberId: ctx.actor.staffMemberId });
  return message.id;
}

/** Opens a thread about a person with its first message. */
export async function createTeamThread(ctx: Ctx, personId: string, input: { subject: string; message: string }): Promise<{ id: string }> {
  await requireAccess(ctx, 'exchange.write', { personId });
  const [thread] = await ctx.tx
    .insert(teamThread)
    .values({ organizationId: ctx.organizationId, personId, subject: input.subject.trim(), createdBy: ctx.actor.staffMemberId })
    .returning({ id: teamThread.id });
  if (!thread) throw new Error('thread not inserted');
  const messageId = await insertMessage(ctx, thread.id, input.message);
  ctx.audit({ action: 'exchange.thread_created', personId, targetType: 'team_thread', targetId: thread.id, details: { messageId } });
  return { id: thread.id };
}

/** Adds a message to a thread (never edited afterwards). */
export async function postTeamMessage(ctx: Ctx, threadId: string, input: { body: string }): Promise<{ id: string }> {
  // Locking the thread orders concurrent messages and their last_message_at.
  const personId = await threadPerson(ctx, threadId, true);
  await requireAccess(ctx, 'exchange.write', { personId });
  const id = await insertMessage(ctx, threadId, input.body);
  await ctx.tx
    .update(teamThread)
    .set({ lastMessageAt: sql`now()` })
    .where(and(eq(teamThread.organizationId, ctx.organizationId), eq(teamThread.id, threadId)));
  ctx.audit({ action: 'exchange.message_posted', personId, targetType: 'team_thread', targetId: threadId, details: { messageId: id } });
  return { id };
}

/** The person's threads, most recently active first, with how many messages I have not read. */
export async function listTeamThreads(ctx: Ctx, personId: string): Promise<ThreadSummary[]> {
  await requireAccess(ctx, 'exchange.read', { personId });
  const me = ctx.actor.staffMemberId;
  const rows = await ctx.tx.execute<{
    id: string;
    subject: string;
    created_by: string;
    created_by_name: string;
    created_at: string;
    last_message_at: string;
    message_count: number;
    unread_count: number;
  }>(sql`
    SELECT t.id, t.subject, t.created_by, s.first_name || ' ' || s.last_name AS created_by_name, t.created_at, t.last_message_at,
           count(m.id)::int AS message_count,
           count(m.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM team_message_read r WHERE r.organization_id = m.organization_id AND r.message_id = m.id AND r.staff_member_id = ${me}))::int AS unread_count
      FROM team_thread t
      JOIN staff_member s ON s.organization_id = t.organization_id AND s.id = t.created_by
      LEFT JOIN team_message m ON m.organization_id = t.organization_id AND m.thread_id = t.id
     WHERE t.organization_id = ${ctx.organizationId} AND t.person_id = ${personId}
     GROUP BY t.organization_id, t.id, s.first_name, s.last_name
     ORDER BY t.last_message_at DESC, t.id DESC
     LIMIT 200`);
  ctx.audit({ action: 'exchange.threads_listed', personId, targetType: 'person', targetId: personId, details: { threads: rows.rows.length } });
  return rows.rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: new Date(r.created_at).toISOString(),
    lastMessageAt: new Date(r.last_message_at).toISOString(),
    messageCount: r.message_count,
    unreadCount: r.unread_count,
  }));
}

/** Reads a thread: its messages are marked read by me (read receipts), and each shows who read it and when. */
export async function readTeamThread(ctx: Ctx, threadId: string): Promise<ThreadView> {
  const personId = await threadPerson(ctx, threadId);
  await requireAccess(ctx, 'exchange.read', { personId });
  const me = ctx.actor.staffMemberId;
  const marked = await ctx.tx.execute(sql`
    INSERT INTO team_message_read (organization_id, message_id, staff_member_id)
    SELECT m.organization_id, m.id, ${me} FROM team_message m WHERE m.organization_id = ${ctx.organizationId} AND m.thread_id = ${threadId}
    ON CONFLICT DO NOTHING`);
  const [[thread], messages, reads] = await Promise.all([
    ctx.tx.select().from(teamThread).where(and(eq(teamThread.organizationId, ctx.organizationId), eq(teamThread.id, threadId))),
    ctx.tx
      .select()
      .from(teamMessage)
      .where(and(eq(teamMessage.organizationId, ctx.organizationId), eq(teamMessage.threadId, threadId)))
      .orderBy(asc(teamMessage.createdAt), asc(teamMessage.id)),
    ctx.tx
      .select({ messageId: teamMessageRead.messageId, staffMemberId: teamMessageRead.staffMemberId, readAt: teamMessageRead.readAt })
      .from(teamMessageRead)
      .innerJoin(teamMessage, and(eq(teamMessage.organizationId, teamMessageRead.organizationId), eq(teamMessage.id, teamMessageRead.messageId)))
      .where(and(eq(teamMessageRead.organizationId, ctx.organizationId), eq(teamMessage.threadId, threadId)))
      .orderBy(asc(teamMessageRead.readAt)),
  ]);
  if (!thread) throw new DomainError('not_found');
  const names = await staffNames(ctx, [...new Set([thread.createdBy, ...messages.map((m) => m.authorId), ...reads.map((r) => r.staffMemberId)])]);
  const ref = (id: string) => ({ id, name: names[id] ?? '' });
  ctx.audit({ action: 'exchange.thread_read', personId, targetType: 'team_thread', targetId: threadId, details: { messages: messages.length, newlyRead: marked.rowCount ?? 0 } });
  return {
    id: thread.id,
    personId: thread.personId,
    subject: thread.subject,
    createdBy: ref(thread.createdBy),
    createdAt: thread.createdAt.toISOString(),
    messages: messages.map((m) => ({
      id: m.id,
      author: ref(m.authorId),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      readBy: reads
        .filter((r) => r.messageId === m.id && r.staffMemberId !== m.authorId)
        .map((r) => ({ staffMemberId: r.staffMemberId, name: names[r.staffMemberId] ?? '', readAt: r.readAt.toISOString() })),
    })),
  };
}
