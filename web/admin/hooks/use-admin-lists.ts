import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { Org, Role } from '../../shared/types.ts';

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api.get<Role[]>('/roles', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useOrgs() {
  return useQuery({
    queryKey: ['orgs'],
    queryFn: ({ signal }) => api.get<Org[]>('/orgs', undefined, { signal }),
    staleTime: 60_000,
  });
}
