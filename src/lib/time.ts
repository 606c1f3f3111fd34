/** Today's calendar date (YYYY-MM-DD) in a time zone: what "today" means to the structure, not to the server. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
