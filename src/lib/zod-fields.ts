import { z } from 'zod';

// Field shapes shared by several routes. Text is trimmed-length checked so "   " is not a name.
export const ZUuid = z.uuid();
export const ZEmail = z.email().max(254);
export const ZName = z.string().trim().min(1).max(100);
export const ZLocale = z.enum(['fr', 'en']);
export const ZToken = z.string().min(20).max(200);
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, { message: 'Code à 6 chiffres attendu.' });
export const ZProblem = z.object({ type: z.string(), title: z.string(), status: z.number(), code: z.string() }).loose();
export const ZBirthDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), { message: 'Date de naissance hors limites.' });
export const ZOptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const ZPhone = z.string().trim().regex(/^[+0-9 ().-]{6,25}$/, { message: 'Numéro de téléphone invalide.' }).nullable().optional();
