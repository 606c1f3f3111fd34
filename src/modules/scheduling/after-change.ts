import type { Ctx } from '../../server/context.js';
import { planRemindersForAppointments } from '../reminders/plan-reminders.js';

/**
 * What follows any change to appointments (booked, moved, cancelled, registrations): their reminders
 * are planned again from their new state, in the same transaction (one statement for a whole series).
 */
export async function afterAppointmentsChanged(ctx: Ctx, appointmentIds: string[]): Promise<void> {
  await planRemindersForAppointments(ctx, appointmentIds);
}
