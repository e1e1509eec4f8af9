import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, asApiError, whenUnauthenticated, type ApiError } from './api/client';
import { clearDrafts } from './drafts';

export interface SessionUser {
  id: string;
  username: string;
  roles: string[];
  displayName?: string;
  bodyName?: string;
}

interface Session {
  /** undefined while asking the server, null when logged out. */
  user: SessionUser | null | undefined;
  /** The session ended by itself (expiry, revocation), not by logout. */
  expired: boolean;
  login(username: string, password: string): Promise<ApiError | undefined>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
/** Name and body of the logged-in user for the header (not a secret; the token never leaves its cookie). */
const PROFILE_KEY = 'ratsweg.profile';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    whenUnauthenticated(() => {
      setUser((previous) => {
        if (previous) setExpired(true);
        return null;
      });
    });
    api.GET('/auth/me').then(({ data }) => {
      if (!data) return setUser(null);
      const profile = JSON.parse(sessionStorage.getItem(PROFILE_KEY) ?? '{}') as Partial<SessionUser>;
      setUser({ ...(profile.id === data.id ? profile : {}), id: data.id, username: data.username, roles: data.roles });
    }, () => setUser(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { data, error, response } = await api.POST('/auth/login', { body: { username, password } });
    if (!data) return asApiError(error, response.status);
    const next: SessionUser = {
      id: data.user.id,
      username: data.user.username,
      roles: data.user.roles,
      displayName: data.user.displayName,
      bodyName: data.user.body.name,
    };
    sessionStorage.setItem(PROFILE_KEY, JSON.stringify(next));
    setExpired(false);
    setUser(next);
    return undefined;
  }, []);

  const logout = useCallback(async () => {
    await api.POST('/auth/logout', {});
    sessionStorage.removeItem(PROFILE_KEY);
    clearDrafts();
    setExpired(false);
    setUser(null);
  }, []);

  return <SessionContext.Provider value={{ user, expired, login, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
