import { Link } from 'react-router';
import type { Environment, Fax } from '../api/types';
import { formatCredits, formatTime } from '../format';
import { StatusBadge } from './StatusBadge';

export function FaxTable({ faxes, environments, caption }: { faxes: Fax[]; environments?: Environment[]; caption: string }) {
  const environmentName = (id: string) => environments?.find((environment) => environment.id === id)?.name ?? id;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Status</th>
            {environments && <th scope="col">Environment</th>}
            <th scope="col">Pages</th>
            <th scope="col">Cost</th>
            <th scope="col">Sent</th>
          </tr>
        </thead>
        <tbody>
          {faxes.map((fax) => (
            <tr key={fax.id}>
              <td>
                <Link to={`/faxes/${fax.environment_id}/${fax.id}`}>{fax.to}</Link>
              </td>
              <td>
                <StatusBadge status={fax.status} />
              </td>
              {environments && <td>{environmentName(fax.environment_id)}</td>}
              <td>{fax.pages}</td>
              <td>{formatCredits(fax.charged ?? fax.cost)}</td>
              <td>{formatTime(fax.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
