-- Codes are mailed for three purposes: registration, dashboard sign-in, and the step-up that
-- confirms an account-key change. Only the newest code of a purpose is valid for an email, so a
-- sign-in code never replaces a step-up code being typed, nor the other way round.
CREATE TYPE "code_purpose" AS ENUM ('register', 'sign_in', 'step_up');

ALTER TABLE "verification_codes" ADD COLUMN "purpose" "code_purpose" NOT NULL DEFAULT 'register';

DROP INDEX "verification_codes_email_created_at_idx";

CREATE INDEX "verification_codes_email_purpose_created_at_idx" ON "verification_codes"("email", "purpose", "created_at" DESC);

-- Dashboard sessions: the cookie carries the token, the table only its SHA-256. A session ends
-- when revoked, after 30 minutes without a request, or 12 hours after sign-in.
CREATE TABLE "dashboard_sessions" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "dashboard_sessions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "dashboard_sessions_token_hash_key" ON "dashboard_sessions"("token_hash");

CREATE INDEX "dashboard_sessions_user_id_idx" ON "dashboard_sessions"("user_id");

CREATE INDEX "dashboard_sessions_last_seen_at_idx" ON "dashboard_sessions"("last_seen_at");

ALTER TABLE "dashboard_sessions" ADD CONSTRAINT "dashboard_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "dashboard_sessions" ADD CONSTRAINT "dashboard_sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A fax's events by its id: the dashboard's status timeline, and the tombstoning of a deleted
-- fax's events, which otherwise scan the whole table.
CREATE INDEX "events_fax_id_idx" ON "events"("fax_id");
