import { useEffect, type ReactNode } from 'react';

/** The frame of the pages before sign-in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · mintfax dashboard`;
  }, [title]);
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <p className="brand">
          <span aria-hidden="true">▣</span> mintfax
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
