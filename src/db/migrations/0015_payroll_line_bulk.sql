-- payroll_line for the monthly bulk insert: no per-row FK triggers (the service guarantees them, see
-- src/db/schema/payroll.ts), a bigint identity key instead of a random uuid, narrow basis columns instead of a jsonb
-- per line, two secondary indexes instead of three. Existing lines keep their data: they are numbered in the order
-- they were created, carried lines follow their source, and a bank reference already exported keeps its text.
ALTER TABLE "payroll_line" DROP CONSTRAINT "payroll_line_run_id_payroll_run_id_fk";
--> statement-breakpoint
ALTER TABLE "payroll_line" DROP CONSTRAINT "payroll_line_enrollment_id_assistance_enrollment_id_fk";
--> statement-breakpoint
ALTER TABLE "payroll_line" DROP CONSTRAINT "payroll_line_household_id_household_id_fk";
--> statement-breakpoint
DROP INDEX "payroll_line_region_idx";--> statement-breakpoint
DROP INDEX "payroll_line_paid_uq";--> statement-breakpoint
DROP INDEX "payroll_line_run_uq";--> statement-breakpoint
ALTER TABLE "payroll_line" DROP CONSTRAINT "payroll_line_pkey";--> statement-breakpoint
ALTER TABLE "payroll_line" RENAME COLUMN "id" TO "uuid_id";--> statement-breakpoint
ALTER TABLE "payroll_line" RENAME COLUMN "carried_from_line_id" TO "carried_from_uuid";--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "id" bigint;--> statement-breakpoint
UPDATE "payroll_line" l SET "id" = n.n
  FROM (SELECT "uuid_id", row_number() OVER (ORDER BY "created_at", "uuid_id") AS n FROM "payroll_line") n
 WHERE n."uuid_id" = l."uuid_id";--> statement-breakpoint
ALTER TABLE "payroll_line" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payroll_line" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (sequence name "payroll_line_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
SELECT setval('payroll_line_id_seq', coalesce((SELECT max("id") FROM "payroll_line"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "payroll_line" ADD CONSTRAINT "payroll_line_pkey" PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "carried_from_line_id" bigint;--> statement-breakpoint
UPDATE "payroll_line" l SET "carried_from_line_id" = o."id"
  FROM "payroll_line" o WHERE o."uuid_id" = l."carried_from_uuid";--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "standard_fen" integer;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "members" smallint;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "income_fen" integer;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "care_tier" text;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "gradual_exit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD COLUMN "policy_version_id" text;--> statement-breakpoint
UPDATE "payroll_line" SET "standard_fen" = ("basis"->>'standardFen')::int, "members" = ("basis"->>'members')::smallint,
  "income_fen" = ("basis"->>'monthlyIncomeFen')::int, "care_tier" = "basis"->>'careTier',
  "gradual_exit" = coalesce(("basis"->>'gradualExit')::boolean, false), "policy_version_id" = "basis"->>'versionId';--> statement-breakpoint
ALTER TABLE "payroll_line" DROP COLUMN "basis";--> statement-breakpoint
ALTER TABLE "payroll_line" DROP COLUMN "carried_from_uuid";--> statement-breakpoint
ALTER TABLE "payroll_line" DROP COLUMN "uuid_id";--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_line_live_uq" ON "payroll_line" USING btree ("for_month","enrollment_id") WHERE "payroll_line"."status" IN ('payable', 'paid', 'held');--> statement-breakpoint
CREATE INDEX "payroll_line_run_idx" ON "payroll_line" USING btree ("run_id","region_code");
