import { describe, expect, it } from 'vitest';
import { ageOn, displayName } from './person-display.js';

describe('displayName', () => {
  it('names a person in full unless discreet, then by alias, else by initials', () => {
    expect(displayName({ firstName: 'Éloïse', lastName: 'Lefèvre', discreet: false, alias: 'Mme L.' })).toBe('Éloïse Lefèvre');
    expect(displayName({ firstName: 'Éloïse', lastName: 'Lefèvre', discreet: true, alias: 'Madame Rose' })).toBe('Madame Rose');
    expect(displayName({ firstName: 'éloïse', lastName: 'lefèvre', discreet: true, alias: '  ' })).toBe('É. L.');
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included, across leap days', () => {
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(ageOn('2008-11-23', '2026-11-23')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
