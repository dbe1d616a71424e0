/** How carefully a value must be handled: drives masking in exports and redaction in logs. */
export const SENSITIVITIES = ['public', 'internal', 'personal', 'sensitive_personal'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export interface DictionaryItemDef {
  value: string;
  labelZh: string;
  labelEn: string;
  sensitivity?: Sensitivity;
  remark?: string;
}

/** A code set as shipped with the platform; `editable` ones also take local extensions (is_local) by admins. */
export interface DictionaryDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** 'GB/T 2261.1', 'GB/T 3304', 'GB/T 4761', 'GB/T 26341', 'MZ/T 073-2024' or 'local' (platform codes). */
  standard: string;
  editable: boolean;
  items: DictionaryItemDef[];
}

/** One item as the cache, the API and the Excel framework see it. */
export interface DictionaryEntry {
  value: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  isActive: boolean;
  isLocal: boolean;
  sensitivity: Sensitivity | null;
  remark: string | null;
  /** Optimistic concurrency for edits of local items. */
  version: number;
}

export interface DictionaryMeta {
  code: string;
  nameZh: string;
  nameEn: string;
  standard: string;
  editable: boolean;
}
