import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useAccount } from '../api/queries';
import type { Billing, CreditPackage } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { PoolCard } from '../components/Pools';
import { formatCredits, formatMoney, formatTime } from '../format';

/** Credit packages for the live balance: the first purchase activates Live; then payment history. */
export function BillingPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const account = useAccount();
  const billing = useQuery({ queryKey: ['billing'], queryFn: () => api<Billing>('GET', '/api/billing') });
  const checkout = useMutation({
    mutationFn: (pkg: CreditPackage) => api<{ url: string }>('POST', '/api/billing/checkout', { json: { package: pkg.id } }),
    onSuccess: ({ url }) => {
      // Stripe's own page is another site; the local checkout is a page of this one.
      if (url.startsWith('/')) navigate(url);
      else window.location.assign(url);
    },
  });
  const activated = Boolean(account.data?.activated_at);
  const live = account.data?.pools.find((pool) => pool.type === 'live');

  return (
    <>
      <PageTitle>Billing</PageTitle>
      {params.get('canceled') && (
        <p className="notice" role="status">
          Checkout was canceled; nothing was charged.
        </p>
      )}
      {(account.isPending || billing.isPending) && <Loading what="billing" />}
      <ErrorNotice error={account.error ?? billing.error} title="Billing could not be loaded" />
      {account.data && (
        <section className={`card activation ${activated ? 'activated' : ''}`} aria-labelledby="activation-title">
          <h2 id="activation-title">{activated ? 'Live is active' : 'Activate Live'}</h2>
          <p>
            {activated
              ? `Activated ${formatTime(account.data.activated_at)}. Buy credits whenever the live balance runs low.`
              : 'Your first credit purchase activates Live: live keys start sending real faxes, paid from the live balance.'}
          </p>
        </section>
      )}
      {live && <PoolCard pool={live} />}
      {billing.data?.checkout === 'local' && (
        <p className="notice notice-warning" role="note">
          <strong>Local checkout.</strong> Stripe is not configured on this server (development only): purchases complete on a local page and no money moves.
        </p>
      )}
      {billing.data?.checkout === 'unavailable' && (
        <p className="notice notice-warning" role="note">
          Credits cannot be bought here until the operator configures Stripe.
        </p>
      )}
      {billing.data && (
        <section aria-labelledby="packages-title">
          <h2 id="packages-title">{activated ? 'Buy credits' : 'Choose a package to activate Live'}</h2>
          <div className="grid">
            {billing.data.packages.map((pkg) => (
              <div key={pkg.id} className="card package">
                <h3>{formatCredits(pkg.credits)}</h3>
                <p className="big">{formatMoney(pkg.amount, pkg.currency)}</p>
                <p className="muted small">Package “{pkg.id}”</p>
                <button type="button" onClick={() => checkout.mutate(pkg)} disabled={checkout.isPending || billing.data.checkout === 'unavailable'}>
                  {activated ? `Buy ${formatCredits(pkg.credits)}` : `Activate Live with ${formatCredits(pkg.credits)}`}
                </button>
              </div>
            ))}
          </div>
          <ErrorNotice error={checkout.error} title="Checkout could not start" />
        </section>
      )}
      {billing.data && (
        <section aria-labelledby="payments-title">
          <h2 id="payments-title">Payment history</h2>
          {billing.data.payments.length === 0 ? (
            <p>No payments yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Credits</th>
                    <th scope="col">Amount</th>
                    <th scope="col">Checkout session</th>
                  </tr>
                </thead>
                <tbody>
                  {billing.data.payments.map((payment) => (
                    <tr key={payment.id}>
                      <td>{formatTime(payment.created_at)}</td>
                      <td>{formatCredits(payment.credits)}</td>
                      <td>{payment.amount_total !== null && payment.currency ? formatMoney(payment.amount_total, payment.currency) : 'Not charged (local checkout)'}</td>
                      <td>
                        {payment.checkout_session_id ? <code className="small">{payment.checkout_session_id}</code> : "Automatic top-up"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
