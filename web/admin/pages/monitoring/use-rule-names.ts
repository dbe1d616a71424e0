import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import type { MonitoringRule } from './monitoring-types.ts';

/** The rules (names come from the server, as an administrator may have renamed them) and a code → name lookup. */
export function useMonitoringRules() {
  const { english } = useLanguage();
  const rules = useQuery({
    queryKey: ['monitoring', 'rules'],
    queryFn: ({ signal }) => api.get<MonitoringRule[]>('/monitoring/rules', undefined, { signal }),
    staleTime: 60_000,
  });
  const nameOf = (code: string) => {
    const rule = rules.data?.find((r) => r.code === code);
    return rule ? (english ? rule.nameEn : rule.nameZh) : code;
  };
  return { rules, nameOf };
}
