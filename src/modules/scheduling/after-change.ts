import type { Ctx } from '../../server/context.js';
import { planAppointmentReminders } from '../reminders/plan-reminders.js';

/**
 * What follows any change to appointments (booked, moved, cancelled, registrations): their reminders
 * are planned again from their new state, in the same transaction.
 */
export async function afterAppointmentsChanged(ctx: Ctx, appointmentIds: string[]): Promise<void> {
  for (const id of appointmentIds) await planAppointmentReminders(ctx, id);
}
