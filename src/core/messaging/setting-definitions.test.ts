import { describe, expect, it } from 'vitest';
import { checkSettingChanges, effectiveValue, findSettingDefinition } from './setting-definitions.ts';

describe('setting definitions', () => {
  it('upload.maxSizeMb takes whole numbers 1–100: "20", 20.5, 0 and 101 are refused, 1 and 100 accepted', () => {
    const fields = (v: unknown) => checkSettingChanges({ 'upload.maxSizeMb': v }).map((e) => e.message_en);
    expect(fields('20')).toEqual(['must be a number']);
    expect(fields(20.5)).toEqual(['must be a whole number']);
    expect(fields(0)).toEqual(['must be between 1 and 100']);
    expect(fields(101)).toEqual(['must be between 1 and 100']);
    expect([fields(1), fields(100)]).toEqual([[], []]);
  });

  it('every wrong key and value of a batch is reported, each naming values.<key>; null (reset) always fits', () => {
    const errors = checkSettingChanges({
      'system.name': 'x'.repeat(51),
      'messages.deadlineReminders': 'yes',
      'no.such': 1,
      'publicity.footer': null,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'values.system.name',
      'values.messages.deadlineReminders',
      'values.no.such',
    ]);
  });

  it('a stored value that no longer fits its definition reads as the default (10 for upload.maxSizeMb = "big")', () => {
    const def = findSettingDefinition('upload.maxSizeMb');
    if (!def) throw new Error('upload.maxSizeMb is not defined');
    expect(effectiveValue(def, 'big')).toBe(10);
    expect(effectiveValue(def, 25)).toBe(25);
    expect(effectiveValue(def, undefined)).toBe(10);
  });
});
