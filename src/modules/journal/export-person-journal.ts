import { sql } from 'drizzle-orm';
import { requireAccess } from '../../server/access-policy.js';
import type { Ctx } from '../../server/context.js';
import { todayIn } from '../../lib/time.js';
import { selectVisibleEntries, toEntryView } from './entry-view.js';
import { confidentialityLabels, kindLabels } from './journal-labels.js';

const headers = ['Date', 'Heure', 'Type', 'Confidentialité', 'Auteur', 'Texte', 'Compléments', 'Objectif lié', 'Version'];

/**
 * One CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab, carriage return) defused with
 * an apostrophe so that a spreadsheet never runs someone's words as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * A person's journal as a CSV file for their care team (French headers, semicolons and a BOM, as
 * French spreadsheets expect), oldest first, each entry within its confidentiality level, with its
 * amendments. Audited as an export.
 */
export async function exportPersonJournal(ctx: Ctx, personId: string): Promise<{ filename: string; csv: string }> {
  await requireAccess(ctx, 'journal.read', { personId });
  const rows = await selectVisibleEntries(ctx, sql`je.person_id = ${personId}`, { withHistory: false, orderAndLimit: sql`ORDER BY je.occurred_at, je.id` });
  const tz = ctx.actor.timeZone;
  const date = new Intl.DateTimeFormat('fr-FR', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const lines = rows.map((row) => {
    const e = toEntryView(ctx, row);
    const at = new Date(e.occurredAt);
    const amendments = e.amendments.map((a) => `${date.format(new Date(a.createdAt))} ${time.format(new Date(a.createdAt))}, ${a.authorName}${a.reason ? ` (${a.reason})` : ''} : ${a.text}`).join('\n');
    return [date.format(at), time.format(at), kindLabels[e.kind].fr, confidentialityLabels[e.confidentiality].fr, e.authorName, e.text, amendments, e.goal?.label ?? '', String(e.revision)].map(csvCell).join(';');
  });
  ctx.audit({ action: 'journal.exported', personId, targetType: 'person', targetId: personId, details: { entries: rows.length, format: 'csv' } });
  return { filename: `journal-${todayIn(tz)}.csv`, csv: `\uFEFF${[headers.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n` };
}
