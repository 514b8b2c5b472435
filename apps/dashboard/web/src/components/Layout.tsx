import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../session';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/faxes', label: 'Faxes' },
  { to: '/environments', label: 'Environments' },
  { to: '/keys', label: 'API keys' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/billing', label: 'Billing' },
  { to: '/sandbox', label: 'Sandbox' },
];

/** The signed-in frame: skip link, navigation (a menu on narrow screens), the page, and signing out. */
export function Layout() {
  const { session, error, signedOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const signOut = useMutation({ mutationFn: (path: string) => api('POST', path), onSuccess: signedOut });

  // A new page: close the menu and move focus to the page, as a full page load would.
  useEffect(() => {
    setMenuOpen(false);
    main.current?.focus();
  }, [location.pathname]);

  if (session === undefined) return error ? <ErrorNotice error={error} title="The dashboard could not be reached" /> : <Loading what="your session" />;
  if (session === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span aria-hidden="true">▣</span> mintfax
        </div>
        <button type="button" className="menu-button button-secondary" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : undefined}>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
          <div className="account-box">
            <p className="small">
              <span className="muted">Signed in as</span> {session.user.email}
              <br />
              <span className="muted">Account</span> {session.account.name}
            </p>
            <button type="button" className="button-secondary" onClick={() => signOut.mutate('/api/sign-out')} disabled={signOut.isPending}>
              Sign out
            </button>
            <button type="button" className="button-link" onClick={() => signOut.mutate('/api/sign-out-everywhere')} disabled={signOut.isPending}>
              Sign out everywhere
            </button>
            <ErrorNotice error={signOut.error} title="Could not sign out" />
          </div>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** A page's title: the heading, and the browser tab. */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · mintfax dashboard`;
  }, [children]);
  return <h1>{children}</h1>;
}
