import type { EnvironmentType } from '@mintfax/db';
import { ApiError } from '@mintfax/errors';

/** An environment of an account, on one side of the sandbox/live wall: who asks, or whose a row is. */
export interface EnvironmentScope {
  accountId: string;
  environmentId: string;
  environmentType: EnvironmentType;
}

/**
 * docs/api/README.md "Cross-environment reads": the row when it is in the caller's environment; another
 * environment of the same account and type → 403 `forbidden`; across the sandbox/live wall, another
 * account or no row at all → 404 `not_found`, so a key learns nothing it may not see.
 */
export function checkEnvironmentAccess<Row extends EnvironmentScope>(
  caller: EnvironmentScope,
  row: Row | null,
  messages: { missing: string; elsewhere: string },
): Row {
  if (!row || row.accountId !== caller.accountId || row.environmentType !== caller.environmentType) {
    throw new ApiError('not_found', undefined, messages.missing);
  }
  if (row.environmentId !== caller.environmentId) throw new ApiError('forbidden', undefined, messages.elsewhere);
  return row;
}
