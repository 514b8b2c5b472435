import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Account, Environment } from './types';

// Queries several pages share; a page's own queries live in the page.

export function useAccount() {
  return useQuery({ queryKey: ['account'], queryFn: () => api<Account>('GET', '/api/account') });
}

export function useEnvironments() {
  return useQuery({ queryKey: ['environments'], queryFn: () => api<Environment[]>('GET', '/api/environments') });
}
