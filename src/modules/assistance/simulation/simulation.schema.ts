import { z } from 'zod';

const standardFen = z
  .number('应为金额(分) / must be an amount in fen')
  .int('金额应为整数分 / amount must be whole fen')
  .min(1, '标准应大于0 / the standard must be above 0')
  .max(10_000_000, '标准过高(超过10万元) / the standard is too high (over 100,000 yuan)');

/** "If the urban (and/or rural) 低保 standard became X from date Y", for a region in the caller's scope. */
export const SimulationInput = z
  .strictObject({
    regionCode: z
      .string()
      .regex(
        /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/,
        '区划代码应为2/4/6/9/12位数字 / region code must have 2, 4, 6, 9 or 12 digits',
      )
      .optional(),
    effectiveFrom: z.iso
      .date('日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD')
      .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', '日期应在2000年至2099年之间 / date out of range'),
    urbanStandardFen: standardFen.optional(),
    ruralStandardFen: standardFen.optional(),
  })
  .refine((v) => v.urbanStandardFen !== undefined || v.ruralStandardFen !== undefined, {
    message: '请至少填写城市或农村的新标准 / give a new urban or rural standard',
    path: ['urbanStandardFen'],
  });
export type SimulationInput = z.infer<typeof SimulationInput>;
