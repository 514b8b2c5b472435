import type { Pool } from '../api/types';
import { formatCredits } from '../format';

/** One pool: its balance, what faxes in flight hold, and what is left to spend. */
export function PoolCard({ pool }: { pool: Pool }) {
  const title = pool.type === 'live' ? 'Live balance' : 'Sandbox balance';
  return (
    <section className="card" aria-label={title} data-testid={`pool-${pool.type}`}>
      <h2>{title}</h2>
      <p className="big">{formatCredits(pool.available)}</p>
      <p className="muted small">available</p>
      <dl className="pairs">
        <dt>Balance</dt>
        <dd>{formatCredits(pool.balance)}</dd>
        <dt>Held by faxes in flight</dt>
        <dd>{formatCredits(pool.held)}</dd>
      </dl>
    </section>
  );
}
