import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAccount } from '../api/queries';
import type { Pool } from '../api/types';
import { ConfirmAction } from '../components/ConfirmAction';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/Layout';
import { Loading } from '../components/Loading';
import { PoolCard } from '../components/Pools';
import { formatCredits } from '../format';

/** docs/api/sandbox.md "Magic numbers", as a developer reads them. */
const MAGIC_NUMBERS: [string, string][] = [
  ['+15005550001', 'Delivered on the first attempt, 1 page billed.'],
  ['+15005550002', 'Busy on every attempt: failed after the maximum attempts.'],
  ['+15005550003', 'No answer on every attempt: failed after the maximum attempts.'],
  ['+15005550004', 'Transient failure on attempt 1, delivered on attempt 2.'],
  ['+15005550005', 'Line-quality failure on every attempt: failed after the maximum attempts.'],
  ['+15005550006', 'Refused at submission with insufficient_balance: no fax, no hold, no event.'],
  ['+15005550007', 'Delivered on the first attempt, 3 pages billed.'],
  ['+15005550008', 'Invalid number: failed on attempt 1, no retries.'],
  ['+15005550099', 'Refused at submission with validation_failed on to: no fax.'],
  ['Any other +1500555XXXX', 'Delivered on the first attempt.'],
];

export function SandboxPage() {
  const queryClient = useQueryClient();
  const account = useAccount();
  const reset = useMutation({
    mutationFn: () => api<Pool>('POST', '/api/sandbox/reset'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['account'] }),
  });
  const sandbox = account.data?.pools.find((pool) => pool.type === 'sandbox');

  return (
    <>
      <PageTitle>Sandbox</PageTitle>
      <p>Sandbox keys send simulated faxes to magic numbers, paid from the sandbox balance. Nothing is dialled and nothing is charged.</p>
      {account.isPending && <Loading what="the sandbox balance" />}
      <ErrorNotice error={account.error} />
      {sandbox && <PoolCard pool={sandbox} />}
      <section className="card" aria-labelledby="reset-title">
        <h2 id="reset-title">Reset the balance</h2>
        <p>Sets the available sandbox credit back to the grant. Faxes in flight keep their holds and settle as usual.</p>
        <ConfirmAction label="Reset sandbox balance" question="Reset the sandbox balance now?" yes="Yes, reset" pending={reset.isPending} onConfirm={() => reset.mutate()} />
        {reset.isSuccess && (
          <p role="status" className="notice notice-success">
            Reset: {formatCredits(reset.data.available)} available.
          </p>
        )}
        <ErrorNotice error={reset.error} title="The balance was not reset" />
      </section>
      <section aria-labelledby="magic-title">
        <h2 id="magic-title">Magic numbers</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">What happens</th>
              </tr>
            </thead>
            <tbody>
              {MAGIC_NUMBERS.map(([number, outcome]) => (
                <tr key={number}>
                  <td>
                    <code>{number}</code>
                  </td>
                  <td>{outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">Any other number is refused in the sandbox: use a live key for real numbers.</p>
      </section>
    </>
  );
}
