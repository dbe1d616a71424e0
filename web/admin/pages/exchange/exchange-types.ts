/** Shapes of the /exchange API as the workbench reads them. */
export interface ExchangeField {
  key: string;
  labelZh: string;
  labelEn: string;
  type: 'text' | 'date' | 'money' | 'int' | 'code';
  required: boolean;
  sensitive: boolean;
  options?: Array<{ code: string; labelZh: string; labelEn: string }>;
}

export interface ExchangeCategory {
  code: string;
  departmentCode: string;
  departmentNameZh: string;
  departmentNameEn: string;
  nameZh: string;
  nameEn: string;
  fields: ExchangeField[];
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface BadRow {
  line: number;
  errors: Array<{ field: string; message_zh: string; message_en: string }>;
}

export interface IngestResult {
  batchId: string;
  categoryCode: string;
  total: number;
  stored: number;
  duplicates: number;
  bad: number;
  errors: BadRow[];
  repeated: boolean;
}

export interface ExchangeJob<R> {
  id: string;
  name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  message: string | null;
  error: string | null;
  result: R | null;
}

export interface ExchangeBatch {
  id: string;
  categoryCode: string;
  source: 'file' | 'api' | 'simulator';
  fileName: string | null;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  storedRows: number;
  duplicateRows: number;
  badRows: number;
  errors?: BadRow[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface VerificationSummary {
  asOf: string;
  windowFrom: string;
  windowTo: string;
  incomes: Array<{ memberId: string; category: string; kind: string; amountFen: number }>;
  incomeTotalsFen: Record<'wage' | 'business' | 'property' | 'transfer', number>;
  financialAssetsFen: number;
  financialAssets: Record<string, number>;
  providentFundBalanceFen: number;
  vehicles: Array<{ memberId: string; valueFen: number; plate: string | null }>;
  realEstate: Array<{ memberId: string; certificateNo: string | null; areaM2: number | null }>;
  businesses: Array<{ memberId: string; name: string | null; employees: number }>;
  businessEmployingOthers: boolean;
  hospitalisation: { stays: number; totalCostFen: number; selfPaidFen: number };
  disabilities: Array<{ memberId: string; category: string; level: number }>;
  deaths: Array<{ memberId: string; diedOn: string | null; source: string }>;
  detained: Array<{ memberId: string; kind: string }>;
  unemployed: string[];
}

export interface VerificationView {
  verificationId: string;
  householdId: string;
  caseId: string | null;
  members: Array<{ personId: string; name: string; idMasked: string }>;
  summary: VerificationSummary;
  answers: Array<{
    categoryCode: string;
    departmentCode: string;
    nameZh: string;
    nameEn: string;
    found: number;
    records: Array<{
      id: number;
      personId: string;
      occurredOn: string | null;
      amountFen: number | null;
      payload: Record<string, unknown>;
    }>;
  }>;
}
