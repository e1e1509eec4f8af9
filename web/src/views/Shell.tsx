import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../format';
import { Link, useLocation } from '../router';
import { useSession } from '../session';

/** Navigation of this increment: only what works. Sitzungen, Maßnahmen, Prüfung and Verwaltung follow (issue 15). */
const NAVIGATION = [
  { to: '/', label: 'Mein Eingang', match: (p: string) => p === '/' || p === '/eingang' },
  { to: '/vorlagen', label: 'Vorlagen', match: (p: string) => p.startsWith('/vorlagen') },
];

export function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useSession();
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">ratsweg</span>
          {user?.bodyName && <span className="brand-body">{user.bodyName}</span>}
        </div>
        <nav aria-label="Hauptnavigation">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.match(path) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span>
            Angemeldet: <strong>{user?.displayName ?? user?.username}</strong>
            {user && user.roles.length > 0 && <> ({user.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')})</>}
          </span>
          <button type="button" className="secondary" onClick={() => void logout()}>
            Abmelden
          </button>
        </div>
      </header>
      <main id="inhalt" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
