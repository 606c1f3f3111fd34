import { isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { asSystem } from '../../db/transaction.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { organization } from './schema.js';
import { setupToken } from '../identity/schema.js';

/**
 * On a fresh installation (no organization yet), makes a new one-time setup token and returns it;
 * earlier unused tokens stop working. Returns null once an organization exists.
 */
export async function issueSetupLink(db: Db): Promise<string | null> {
  return asSystem(db, async (tx) => {
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(organization);
    if (count > 0) return null;
    await tx.delete(setupToken).where(isNull(setupToken.usedAt));
    const token = newSecretToken();
    await tx.insert(setupToken).values({ tokenHash: hashToken(token) });
    return token;
  });
}
