import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { CheckoutStatus } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { PoolCard } from '../components/Pools';
import { formatCredits } from '../format';

/** After Checkout: waits for billing's webhook to record the payment, then shows the new live balance. */
export function BillingReturnPage() {
  const queryClient = useQueryClient();
  const sessionId = useSearchParams()[0].get('session_id') ?? '';
  const status = useQuery({
    queryKey: ['checkout', sessionId],
    queryFn: () => api<CheckoutStatus>('GET', `/api/billing/sessions/${encodeURIComponent(sessionId)}`),
    enabled: Boolean(sessionId),
    refetchInterval: (query) => (query.state.data?.status === 'paid' ? false : 1000),
  });
  const paid = status.data?.status === 'paid';
  useEffect(() => {
    if (!paid) return;
    void queryClient.invalidateQueries({ queryKey: ['account'] });
    void queryClient.invalidateQueries({ queryKey: ['billing'] });
    void queryClient.invalidateQueries({ queryKey: ['session'] });
  }, [paid, queryClient]);

  return (
    <>
      <PageTitle>Payment</PageTitle>
      {!sessionId && <p>This page needs the checkout session it returns from.</p>}
      <ErrorNotice error={status.error} title="The payment could not be checked" />
      <div role="status" aria-live="polite">
        {sessionId && !paid && !status.error && <p className="loading">Waiting for the payment to be confirmed…</p>}
        {paid && status.data?.payment && (
          <p className="notice notice-success">
            Payment received: {formatCredits(status.data.payment.credits)} added to your live balance. Live is active.
          </p>
        )}
      </div>
      {paid && status.data && <PoolCard pool={status.data.live} />}
      <p>
        <Link to="/billing">Back to billing</Link> · <Link to="/">Overview</Link>
      </p>
    </>
  );
}
