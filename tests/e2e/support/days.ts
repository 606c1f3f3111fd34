/**
 * A calendar day in Paris, `offset` days from today (YYYY-MM-DD). Calendar arithmetic on today's
 * Paris date: stepping back 24-hour days across a change of time lands on the wrong day late in the
 * evening (22:00–23:00 UTC in winter, for a day in summer time).
 */
export function parisDay(offset = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offset);
  return day.toISOString().slice(0, 10);
}
