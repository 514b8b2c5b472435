-- Send options and fax-ready documents: every upload is normalised to a PDF of Letter or A4 pages;
-- the fax keeps what describes that PDF (content_type, size_bytes, sha256) and, apart, the upload as
-- received (source_*, filename). Environments carry the defaults and what cover pages print.

-- CreateEnum
CREATE TYPE "page_size" AS ENUM ('letter', 'a4');

-- CreateEnum
CREATE TYPE "fax_resolution" AS ENUM ('standard', 'fine');

-- CreateEnum
CREATE TYPE "cover_template" AS ENUM ('none', 'standard', 'hipaa');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN "page_size" "page_size" NOT NULL DEFAULT 'letter',
ADD COLUMN "cover_page" "cover_template" NOT NULL DEFAULT 'none',
ADD COLUMN "sender_name" TEXT,
ADD COLUMN "sender_company" TEXT,
ADD COLUMN "sender_fax" TEXT;

-- AlterTable
ALTER TABLE "faxes" ADD COLUMN "page_size" "page_size" NOT NULL DEFAULT 'letter',
ADD COLUMN "resolution" "fax_resolution" NOT NULL DEFAULT 'fine',
ADD COLUMN "csid" TEXT,
ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "cover_page" JSONB,
ADD COLUMN "source_content_type" TEXT,
ADD COLUMN "source_size_bytes" INTEGER,
ADD COLUMN "source_sha256" TEXT;

-- Faxes submitted before normalisation kept their upload as it came: it is their own source.
UPDATE "faxes" SET "source_content_type" = "content_type", "source_size_bytes" = "size_bytes", "source_sha256" = "sha256";
ALTER TABLE "faxes" ALTER COLUMN "source_content_type" SET NOT NULL,
ALTER COLUMN "source_size_bytes" SET NOT NULL,
ALTER COLUMN "source_sha256" SET NOT NULL;
