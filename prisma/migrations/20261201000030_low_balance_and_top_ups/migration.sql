-- Low-balance warnings and automatic top-up (docs/api/billing.md "Low balance and automatic top-up").

-- A simulated top-up of the sandbox pool: credited at once, no payment behind it.
ALTER TYPE "ledger_entry_type" ADD VALUE 'sandbox_topup';

-- The pool's settings. Until the account sets a threshold (`low_balance_threshold_custom`), each
-- purchase sets it to 20% of its credits; null disables the warning and the top-up.
-- `auto_top_up_failures` counts the failed top-ups since the last success: the third disables it.
ALTER TABLE "pools" ADD COLUMN "low_balance_threshold" BIGINT,
                    ADD COLUMN "low_balance_threshold_custom" BOOLEAN NOT NULL DEFAULT false,
                    ADD COLUMN "auto_top_up_enabled" BOOLEAN NOT NULL DEFAULT false,
                    ADD COLUMN "auto_top_up_package_id" TEXT,
                    ADD COLUMN "auto_top_up_failures" INTEGER NOT NULL DEFAULT 0,
                    ADD CONSTRAINT "pools_low_balance_threshold_check" CHECK ("low_balance_threshold" >= 0),
                    ADD CONSTRAINT "pools_auto_top_up_package_check" CHECK (NOT "auto_top_up_enabled" OR "auto_top_up_package_id" IS NOT NULL);

-- Pools that bought credits before thresholds existed get the default of their last purchase.
UPDATE "pools" p SET "low_balance_threshold" = last."amount" / 5
  FROM (SELECT DISTINCT ON ("pool_id") "pool_id", "amount" FROM "ledger_entries"
         WHERE "type" = 'purchase' ORDER BY "pool_id", "seq" DESC) last
 WHERE last."pool_id" = p."id";

CREATE TYPE "top_up_status" AS ENUM ('owed', 'pending', 'succeeded', 'failed', 'canceled');

-- One automatic top-up of a pool: written `owed` by the movement that took the pool below its
-- threshold (the record the billing sweep enqueues from), `pending` once Stripe took the
-- off-session payment, settled by its outcome. The package is priced when the charge is made.
CREATE TABLE "top_ups" (
    "id" TEXT NOT NULL,
    "pool_id" TEXT NOT NULL,
    "package_id" TEXT NOT NULL,
    "status" "top_up_status" NOT NULL DEFAULT 'owed',
    "credits" BIGINT,
    "amount" INTEGER,
    "currency" TEXT,
    "stripe_payment_intent_id" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "top_ups_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "top_ups_stripe_payment_intent_id_key" ON "top_ups"("stripe_payment_intent_id");
CREATE INDEX "top_ups_pool_id_created_at_idx" ON "top_ups"("pool_id", "created_at");
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One top-up in flight per pool: a crossing while one is owed or pending adds none.
CREATE UNIQUE INDEX "top_ups_in_flight_key" ON "top_ups"("pool_id") WHERE "status" IN ('owed', 'pending');
-- What the sweep reads on every round.
CREATE INDEX "top_ups_owed_idx" ON "top_ups"("created_at") WHERE "status" = 'owed';

-- A payment is a Checkout session or an automatic top-up; the card it was made with is what
-- later top-ups charge off-session.
ALTER TABLE "payments" ALTER COLUMN "stripe_checkout_session_id" DROP NOT NULL,
                       ADD COLUMN "stripe_payment_method_id" TEXT,
                       ADD COLUMN "top_up_id" TEXT,
                       ADD CONSTRAINT "payments_source_check" CHECK (("stripe_checkout_session_id" IS NULL) <> ("top_up_id" IS NULL));

CREATE UNIQUE INDEX "payments_top_up_id_key" ON "payments"("top_up_id");
ALTER TABLE "payments" ADD CONSTRAINT "payments_top_up_id_fkey" FOREIGN KEY ("top_up_id") REFERENCES "top_ups"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
