import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, setCsrfToken, whenSignedOut } from './api/client';
import type { Session } from './api/types';

interface SessionState {
  /** undefined while the page asks who is signed in; null when nobody is. */
  session: Session | null | undefined;
  error: unknown;
  signedIn(session: Session): void;
  signedOut(): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);
const SESSION_KEY = ['session'];

/** Who is signed in, from `GET /api/session`; an answer of `not_signed_in` to any request signs the page out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    // 204 when nobody is signed in.
    queryFn: async () => (await api<Session | undefined>('GET', '/api/session')) ?? null,
    staleTime: Infinity,
    retry: false,
  });
  const signedIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrf_token);
      queryClient.setQueryData(SESSION_KEY, session);
    },
    [queryClient],
  );
  const signedOut = useCallback(() => {
    setCsrfToken(undefined);
    // Nothing of the previous account may linger in the cache for the next one.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient]);

  useEffect(() => whenSignedOut(signedOut), [signedOut]);
  useEffect(() => setCsrfToken(query.data?.csrf_token), [query.data]);

  const value = useMemo<SessionState>(
    () => ({ session: query.isPending ? undefined : (query.data ?? null), error: query.error, signedIn, signedOut }),
    [query.isPending, query.data, query.error, signedIn, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession() outside SessionProvider');
  return state;
}
