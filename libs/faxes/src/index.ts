export { SandboxCarrier, UnconfiguredCarrier, type Carrier, type CarrierCall, type CarrierResult } from './carrier';
export { deleteFax } from './delete-fax';
export { inspectDocument, MAX_DOCUMENT_BYTES, sniffType, type DocumentType, type InspectedDocument } from './document-inspection';
export { toFaxObject, type AttemptObject, type FaxObject } from './fax-object';
export { FAILURE_CODES, FAILURE_MESSAGES, isRetryable, isTerminal, TERMINAL_STATUSES, type FailureCode } from './fax-status';
export { failStuck, markAttemptFailed, markConnected, markDelivered, startAttempt, type AttemptFailure } from './fax-transitions';
export { isMagicNumber, sandboxScenario, sandboxSubmission, type AttemptOutcome } from './sandbox';
export { submitFax, type FaxSubmission } from './submit-fax';
export { retryDelayMs, runAttempt, type AttemptRun, type RetryPolicy } from './run-attempt';
