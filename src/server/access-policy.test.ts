import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRoles } from '../modules/organizations/default-catalogue.js';
import { accessRules, isGranted, permissions, type Action } from './access-policy.js';

const actions = Object.keys(accessRules) as Action[];
const personActions = actions.filter((a) => a.startsWith('person.') || a.startsWith('care_team.'));

describe('access policy', () => {
  it('never grants an action whose permission the actor lacks, nor a care-team action off the team', () => {
    fc.assert(
      fc.property(fc.subarray([...permissions]), fc.constantFrom(...actions), fc.boolean(), (held, action, onCareTeam) => {
        const rule = accessRules[action];
        const expected = (rule.permission === null || held.includes(rule.permission)) && (!rule.careTeam || onCareTeam);
        expect(isGranted({ permissions: held }, action, { onCareTeam })).toBe(expected);
      }),
    );
  });

  it('gives the default administrator role no access to any person data, even on a care team', () => {
    const admin = defaultRoles.find((r) => r.code === 'administrator')!;
    for (const action of personActions) expect({ action, granted: isGranted(admin, action, { onCareTeam: true }) }).toEqual({ action, granted: false });
  });

  it('lets the default clinical roles read a record only from the care team', () => {
    for (const code of ['coordinator', 'practitioner', 'clinical_referent', 'supervisor']) {
      const role = defaultRoles.find((r) => r.code === code)!;
      expect(isGranted(role, 'person.read', { onCareTeam: true })).toBe(true);
      expect(isGranted(role, 'person.read', { onCareTeam: false })).toBe(false);
    }
  });
});
