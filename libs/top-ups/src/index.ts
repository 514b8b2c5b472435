export { changePoolSettings } from './pool-settings';
export { runTopUp, type ChargeCard, type ChargeOutcome, type OffSessionCharge, type TopUpRunOutcome } from './top-up-run';
export { recordTopUpFailed, recordTopUpPaid, simulateSandboxTopUp, type TopUpPaid, type TopUpSettled } from './top-up-settlement';
