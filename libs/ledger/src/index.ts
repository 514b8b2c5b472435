export { hold, capture, release, credit, sandboxGrant, sandboxReset, adjust, createPools } from './ledger-operations';
export { getBalances, getPool, listTransactions, type LedgerEntryView, type ListTransactionsParams } from './ledger-queries';
export type { LedgerClient, PoolKey, PoolBalance, Movement, HoldResult, SettleResult, ResetResult } from './ledger.types';
export { toCredits } from './credits';
export { settlementCtes } from './ledger-statements';
