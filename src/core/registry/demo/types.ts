/** Value types of the demo population and the options of `generatePopulation`. */

export type DemoSex = '1' | '2';
export type HealthStatus = 'healthy' | 'chronic' | 'major_disease';
export type LabourCapacity = 'full' | 'partial' | 'none';
export type EmploymentStatus =
  | 'employed'
  | 'farming'
  | 'self_employed'
  | 'unemployed'
  | 'student'
  | 'retired'
  | 'preschool'
  | 'unknown';

export const MALE: DemoSex = '1';
export const FEMALE: DemoSex = '2';

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: DemoSex;
  birthDate: string;
  /** GB/T 3304 two-digit code. */
  ethnicity: string;
  phone: string | null;
  /** 6-digit district of the hukou; also the first 6 digits of the ID number. */
  hukouRegionCode: string;
  /** 12-digit village (居委会/村委会) code where the person lives. */
  regionCode: string;
  /** GB/T 26341: 1 视力 2 听力 3 言语 4 肢体 5 智力 6 精神 7 多重. */
  disabilityCategory: string | null;
  disabilityLevel: 1 | 2 | 3 | 4 | null;
  healthStatus: HealthStatus;
  labourCapacity: LabourCapacity;
  employmentStatus: EmploymentStatus;
  monthlyIncomeFen: number;
}

export interface DemoHousehold {
  householdNo: string;
  regionCode: string;
  address: string;
  /** Head first (relation HEAD_RELATION_CODE); others relative to the head (GB/T 4761). */
  members: Array<{ personIndex: number; relationCode: string }>;
}

export interface DemoVillage {
  /** 12-digit statistical division code. */
  code: string;
  name: string;
}

export interface GeneratePopulationOptions {
  villages: readonly DemoVillage[];
  /** Exact number of people to generate. */
  persons: number;
  seed?: number;
  /** Reference date for ages, YYYY-MM-DD. Defaults to the current UTC date; pass it for byte-identical output. */
  today?: string;
}

export interface DemoPopulation {
  persons: DemoPerson[];
  households: DemoHousehold[];
}
