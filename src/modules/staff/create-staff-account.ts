import { newId } from '../../db/columns.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Tx } from '../../db/transaction.js';
import { DomainError } from '../../lib/domain-error.js';
import type { Locale } from '../../lib/i18n.js';
import { staffDiscipline, staffMember, staffRole } from './schema.js';

/**
 * Inserts an account with its roles and disciplines. An address that already has an account is
 * refused (unique index, so two racing requests cannot both create one); the existing account is
 * never touched.
 */
export async function createStaffAccount(
  tx: Tx,
  input: { organizationId: string; email: string; firstName: string; lastName: string; passwordHash: string; locale: Locale; roleIds: string[]; disciplineIds: string[] },
): Promise<string> {
  const id = newId();
  try {
    await tx.insert(staffMember).values({
      organizationId: input.organizationId,
      id,
      email: input.email.trim(),
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      passwordHash: input.passwordHash,
      locale: input.locale,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'staff_member_email_unique')) throw new DomainError('email_taken');
    throw error;
  }
  if (input.roleIds.length) await tx.insert(staffRole).values(input.roleIds.map((roleId) => ({ organizationId: input.organizationId, staffMemberId: id, roleId })));
  if (input.disciplineIds.length) {
    await tx.insert(staffDiscipline).values(input.disciplineIds.map((disciplineId) => ({ organizationId: input.organizationId, staffMemberId: id, disciplineId })));
  }
  return id;
}
