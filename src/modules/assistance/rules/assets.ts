/**
 * Asset test (DOMAIN §1.1): per-capita financial assets ≤ multiple × standard (24× [CQ]), raised to a per-capita cap
 * (50,000 yuan) when a member has a recognised major disease; one vehicle ≤ 30,000 yuan exempt; no dwelling beyond
 * the area rule; no business employing others. Used by 低保, 低保边缘, 特困 and (by parameter) 刚性支出困难.
 */

import { assertFen, divideRoundHalfUp, type Reason, reason, type TraceEntry, traceEntry, yuan } from './decision.ts';
import type { AssetFacts, PersonFacts } from './facts.ts';
import { type Area, type ResolvedParameters, standardFor } from './policy-parameters.ts';

export interface AssetTest {
  passes: boolean;
  /** Per-capita financial asset cap that applied. */
  capPerCapitaFen: number;
  perCapitaFen: number;
  reasons: Reason[];
  trace: TraceEntry[];
}

/** Tests the assets of the counted members against the parameters in force for the benefit month. */
export function testAssets(
  assets: AssetFacts,
  members: readonly PersonFacts[],
  parameters: ResolvedParameters,
  area: Area,
): AssetTest {
  if (members.length === 0) throw new RangeError('an asset test needs at least one member');
  const values = parameters.values;
  const version = parameters.versionId;
  const standard = standardFor(parameters, area);
  const reasons: Reason[] = [];
  const trace: TraceEntry[] = [];
  const financial = assertFen(assets.financialAssetsFen, 'financial assets');

  const ordinaryCap = standard * values.assetMultiple;
  const majorDisease = members.some((member) => member.majorDisease === true);
  const capPerCapitaFen = majorDisease ? Math.max(ordinaryCap, values.majorDiseaseAssetCapFen) : ordinaryCap;
  const perCapitaFen = divideRoundHalfUp(financial, members.length);
  // Exact comparison on the household total: per capita ≤ cap ⇔ total ≤ cap × members.
  const financialPasses = financial <= capPerCapitaFen * members.length;
  trace.push(
    traceEntry(
      'assets.financial-per-capita',
      {
        financialAssetsFen: financial,
        members: members.length,
        standardFen: standard,
        assetMultiple: values.assetMultiple,
        majorDiseaseInHousehold: majorDisease,
        majorDiseaseAssetCapFen: values.majorDiseaseAssetCapFen,
      },
      { perCapitaFen, capPerCapitaFen, passes: financialPasses },
      version,
    ),
  );
  if (!financialPasses) {
    const capText = majorDisease
      ? `重大疾病家庭人均${yuan(capPerCapitaFen)}元`
      : `低保标准${yuan(standard)}元的${values.assetMultiple}倍（${yuan(capPerCapitaFen)}元）`;
    const capTextEn = majorDisease
      ? `the major-disease cap of ${yuan(capPerCapitaFen)} yuan per capita`
      : `${values.assetMultiple} × the standard of ${yuan(standard)} yuan (${yuan(capPerCapitaFen)} yuan)`;
    reasons.push(
      reason(
        'assets.financial-over-limit',
        `家庭人均金融资产${yuan(perCapitaFen)}元，超过${capText}（政策参数版本${version}）`,
        `per-capita financial assets of ${yuan(perCapitaFen)} yuan exceed ${capTextEn} (parameter version ${version})`,
      ),
    );
  }

  const sorted = [...assets.vehicles].sort((a, b) => a.valueFen - b.valueFen);
  const exempt = sorted.filter((v) => v.valueFen <= values.vehicleExemptMaxFen).slice(0, values.vehicleExemptCount);
  const countable = sorted.length - exempt.length;
  trace.push(
    traceEntry(
      'assets.vehicles',
      {
        vehicleValuesFen: sorted.map((v) => v.valueFen),
        vehicleExemptMaxFen: values.vehicleExemptMaxFen,
        vehicleExemptCount: values.vehicleExemptCount,
      },
      { exempt: exempt.length, countable, passes: countable === 0 },
      version,
    ),
  );
  if (countable > 0) {
    reasons.push(
      reason(
        'assets.vehicle',
        `家庭成员名下有${countable}辆不属于豁免范围的机动车辆（豁免：${values.vehicleExemptCount}辆且价值不超过${yuan(values.vehicleExemptMaxFen)}元）`,
        `${countable} vehicle(s) outside the exemption ` +
          `(${values.vehicleExemptCount} vehicle worth at most ${yuan(values.vehicleExemptMaxFen)} yuan)`,
      ),
    );
  }

  trace.push(
    traceEntry(
      'assets.dwelling-and-business',
      {
        dwellingBeyondAreaRule: assets.dwellingBeyondAreaRule,
        businessEmployingOthers: assets.businessEmployingOthers,
      },
      !assets.dwellingBeyondAreaRule && !assets.businessEmployingOthers,
      null,
    ),
  );
  if (assets.dwellingBeyondAreaRule) {
    reasons.push(
      reason('assets.dwelling', '拥有超出当地住房面积规定的住房', 'owns a dwelling beyond the local area rule'),
    );
  }
  if (assets.businessEmployingOthers) {
    reasons.push(reason('assets.business', '家庭成员经营雇用他人的企业', 'a member runs a business employing others'));
  }

  return { passes: reasons.length === 0, capPerCapitaFen, perCapitaFen, reasons, trace };
}
