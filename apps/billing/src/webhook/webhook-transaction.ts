// Concurrent deliveries of one event queue on its primary key, each holding a transaction open
// until the first commits; the defaults (2 s wait, 5 s run) are too tight for a loaded machine.
export const WEBHOOK_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };
