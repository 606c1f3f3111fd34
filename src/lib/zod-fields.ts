import { z } from 'zod';

// Field shapes shared by several routes. Text is trimmed-length checked so "   " is not a name.
export const ZUuid = z.uuid();
export const ZEmail = z.email().max(254);
export const ZName = z.string().trim().min(1).max(100);
export const ZLocale = z.enum(['fr', 'en']);
export const ZToken = z.string().min(20).max(200);
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, { message: 'Code à 6 chiffres attendu.' });
export const ZProblem = z.object({ type: z.string(), title: z.string(), status: z.number(), code: z.string() }).loose();
