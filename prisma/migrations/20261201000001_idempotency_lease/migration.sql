-- A fax remembers the Idempotency-Key it was submitted with, written by the submission statement
-- itself: a retry whose record was never completed (the gateway died, Postgres went away) finds
-- the fax and answers with it instead of charging twice.
ALTER TABLE "faxes" ADD COLUMN "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "faxes_environment_id_idempotency_key_key" ON "faxes"("environment_id", "idempotency_key");

-- A claim is leased, not held for the whole window: past its lease a retry may take it over.
ALTER TABLE "idempotency_records" ADD COLUMN "leased_until" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
