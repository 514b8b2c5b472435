import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useAccount, useEnvironments } from '../api/queries';
import type { Fax } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { FaxTable } from '../components/FaxTable';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { PoolCard } from '../components/Pools';
import { formatTime } from '../format';

export function OverviewPage() {
  const account = useAccount();
  const environments = useEnvironments();
  const recent = useQuery({ queryKey: ['recent-faxes'], queryFn: () => api<Fax[]>('GET', '/api/faxes/recent') });

  return (
    <>
      <PageTitle>Overview</PageTitle>
      {account.isPending && <Loading what="balances" />}
      <ErrorNotice error={account.error} title="The account could not be loaded" />
      {account.data && (
        <>
          <section className={`card activation ${account.data.activated_at ? 'activated' : ''}`} aria-labelledby="activation-title">
            <h2 id="activation-title">{account.data.activated_at ? 'Live is active' : 'Live is not active yet'}</h2>
            {account.data.activated_at ? (
              <p>Activated {formatTime(account.data.activated_at)}. Live keys send real faxes.</p>
            ) : (
              <>
                <p>Sandbox keys work now. Live keys start working after your first credit purchase.</p>
                <Link className="button" to="/billing">
                  Activate Live
                </Link>
              </>
            )}
          </section>
          <div className="grid">
            {account.data.pools.map((pool) => (
              <PoolCard key={pool.type} pool={pool} />
            ))}
          </div>
        </>
      )}
      <section aria-labelledby="recent-title">
        <div className="section-head">
          <h2 id="recent-title">Recent faxes</h2>
          <Link className="button" to="/faxes/new">
            Send a fax
          </Link>
        </div>
        {recent.isPending && <Loading what="recent faxes" />}
        <ErrorNotice error={recent.error} title="Recent faxes could not be loaded" />
        {recent.data && recent.data.length === 0 && <p>No faxes yet. Send one to a sandbox magic number to see it travel.</p>}
        {recent.data && recent.data.length > 0 && <FaxTable faxes={recent.data} environments={environments.data ?? []} caption="Recent faxes" />}
      </section>
    </>
  );
}
