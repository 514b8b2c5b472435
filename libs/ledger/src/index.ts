export { hold, capture, release, credit, sandboxGrant, sandboxTopUp, sandboxReset, adjust, createPools } from './ledger-operations';
export { getBalances, getPool, listTransactions, type LedgerEntryView, type ListTransactionsParams } from './ledger-queries';
export type { LedgerClient, PoolKey, Movement, HoldResult, SettleResult, ResetResult } from './ledger.types';
export { toCredits } from './credits';
export { settlementCtes } from './ledger-statements';
export { type LowBalanceEvents } from './low-balance';
export { POOL_OBJECT_FIELDS, poolObjectSql, toPoolBalance, type PoolBalance } from './pool-object';
export { updatePoolSettings, type PoolSettingsChange, type PoolSettingsResult } from './pool-settings';
export {
  cancelTopUp,
  failTopUp,
  getTopUp,
  markTopUpPending,
  MAX_TOP_UP_FAILURES,
  owedTopUps,
  priceTopUp,
  succeedTopUp,
  type FailedTopUp,
  type SettledTopUp,
  type TopUp,
  type TopUpPrice,
} from './top-ups';
