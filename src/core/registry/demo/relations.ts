/**
 * GB/T 4761 relation codes the demo generator emits (the full table is RELATION_CODES in ../relation-codes.ts).
 */

/**
 * The head's own code. GB/T 4761 has both 01 本人 (the subject of a personal record) and 02 户主; member relations
 * in a household are stated relative to the head, so the head row is 02.
 */
export const HEAD_RELATION_CODE = '02';

// Codes the generator emits. Generic 10/20/30 for spouse/son/daughter (sex is on the person, and these are what
// 民政 family-member tables normally carry); specific codes where the generic one would lose the line of descent.
export const SPOUSE = '10';
export const SON = '20';
export const DAUGHTER = '30';
export const SON_IN_LAW = '28';
export const DAUGHTER_IN_LAW = '38';
export const GRANDSON = '41';
export const GRANDDAUGHTER = '42';
export const DAUGHTERS_SON = '43';
export const DAUGHTERS_DAUGHTER = '44';
export const FATHER = '51';
export const MOTHER = '52';
// Generic 70 rather than 71 兄/73 弟/75 姐/77 妹: the platform's relation dictionary (dictionaries.ts) lists only 70.
export const SIBLING = '70';
