import { humanize } from '../format';

/** A status in words with a colour that only repeats them. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.replace(/[^a-z_]/g, '')}`}>{humanize(status)}</span>;
}
