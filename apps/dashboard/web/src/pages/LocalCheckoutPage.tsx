import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Billing } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { formatCredits, formatMoney } from '../format';

/**
 * Stands in for Stripe Checkout where Stripe is not configured (never in production): "paying"
 * sends billing the signed event Stripe would send, so the real webhook code credits and activates.
 */
export function LocalCheckoutPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const packageId = params.get('package') ?? '';
  const billing = useQuery({ queryKey: ['billing'], queryFn: () => api<Billing>('GET', '/api/billing') });
  const pay = useMutation({
    mutationFn: () => api<{ session_id: string }>('POST', '/api/billing/local-checkout', { json: { package: packageId } }),
    onSuccess: ({ session_id }) => navigate(`/billing/return?session_id=${encodeURIComponent(session_id)}`, { replace: true }),
  });
  const pkg = billing.data?.packages.find((candidate) => candidate.id === packageId);

  return (
    <>
      <PageTitle>Local checkout</PageTitle>
      <div className="notice notice-warning local-checkout" role="note">
        <p className="notice-title">Development only: no card, no money</p>
        <p>This server has no Stripe key, so this page stands in for Stripe Checkout. Completing it sends billing the signed event Stripe would send after a payment.</p>
      </div>
      {billing.isPending && <Loading what="the package" />}
      <ErrorNotice error={billing.error} />
      {billing.data && !pkg && (
        <p>
          No package “{packageId}”. <Link to="/billing">Back to billing</Link>
        </p>
      )}
      {pkg && (
        <section className="card" aria-labelledby="order-title">
          <h2 id="order-title">Your order</h2>
          <p>
            {formatCredits(pkg.credits)} for the live balance, {formatMoney(pkg.amount, pkg.currency)} (not charged).
          </p>
          <div className="actions">
            <button type="button" onClick={() => pay.mutate()} disabled={pay.isPending}>
              {pay.isPending ? 'Completing…' : 'Complete purchase'}
            </button>
            <Link to="/billing?canceled=1">Cancel</Link>
          </div>
          <ErrorNotice error={pay.error} title="The purchase did not complete" />
        </section>
      )}
    </>
  );
}
