import { defaultDisciplines, defaultRoles } from '../../src/modules/organizations/default-catalogue.js';
import type { OrganizationKind } from '../../src/modules/organizations/schema.js';
import { insertRows } from '../lib/bulk-insert.js';
import type { GeneratorStep } from './step.js';
import { dayMs, historyDays } from './timeline.js';

export interface GeneratedOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  /** When the structure was set up: the start of the timeline (ms since epoch). */
  openedAtMs: number;
  endMs: number;
  roleIds: ReadonlyMap<string, string>;
  disciplineIds: ReadonlyMap<string, string>;
}

/**
 * The structure, set up as setUpOrganization does: the default roles and disciplines of the
 * catalogue. Its first administrator is created by the staff step.
 */
export const organizationStep: GeneratorStep<void, GeneratedOrganization> = {
  name: 'organizations',
  label: 'structure',
  estimate: () => 1 + defaultRoles.length + defaultDisciplines.length,
  run: async (ctx) => {
    const endMs = ctx.anchor.getTime();
    const openedAtMs = endMs - historyDays * dayMs;
    const id = ctx.random.uuid(openedAtMs);
    const name = 'Clinique des Tilleuls — jeu de référence';
    const kind: OrganizationKind = 'clinic';
    const openedAt = new Date(openedAtMs).toISOString();
    await ctx.client.query('INSERT INTO organization (id, name, kind, created_at) VALUES ($1, $2, $3, $4)', [id, name, kind, openedAt]);
    ctx.progress.advance();

    const roleIds = new Map<string, string>();
    for (const r of defaultRoles) {
      const roleId = ctx.random.uuid(openedAtMs);
      roleIds.set(r.code, roleId);
      await ctx.client.query(
        'INSERT INTO role (organization_id, id, code, name_fr, name_en, permissions, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, roleId, r.code, r.nameFr, r.nameEn, r.permissions, openedAt],
      );
      ctx.progress.advance();
    }

    const disciplines = defaultDisciplines.map((d) => ({ ...d, id: ctx.random.uuid(openedAtMs) }));
    await insertRows(
      ctx.client,
      'discipline',
      [
        { name: 'organization_id', type: 'uuid', value: () => id },
        { name: 'id', type: 'uuid', value: (d) => d.id },
        { name: 'code', type: 'text', value: (d) => d.code },
        { name: 'name_fr', type: 'text', value: (d) => d.nameFr },
        { name: 'name_en', type: 'text', value: (d) => d.nameEn },
        { name: 'created_at', type: 'timestamptz', value: () => openedAt },
      ],
      disciplines,
      (n) => ctx.progress.advance(n),
    );
    return { id, name, kind, openedAtMs, endMs, roleIds, disciplineIds: new Map(disciplines.map((d) => [d.code, d.id])) };
  },
};
