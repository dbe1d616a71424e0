import { regionFullName } from './region-tree.ts';

/** Full display name of a region code, or the code itself when it is not in the shipped code list. */
export function safeRegionName(code: string): string {
  try {
    return regionFullName(code);
  } catch {
    return code;
  }
}
