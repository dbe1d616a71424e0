-- Department data exchange, verification and low-income monitoring (issue 4). Region columns C-collated (see 0009).
CREATE TABLE "exchange_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_code" text NOT NULL,
	"source" text NOT NULL,
	"client_id" text,
	"file_name" text,
	"content_hash" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"stored_rows" integer DEFAULT 0 NOT NULL,
	"duplicate_rows" integer DEFAULT 0 NOT NULL,
	"bad_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "exchange_batch_source_ck" CHECK ("exchange_batch"."source" IN ('file', 'api', 'simulator')),
	CONSTRAINT "exchange_batch_status_ck" CHECK ("exchange_batch"."status" IN ('running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "exchange_category" (
	"code" text PRIMARY KEY NOT NULL,
	"department_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"fields" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_department" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_record" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"record_key" text NOT NULL,
	"subject_index" "bytea" NOT NULL,
	"occurred_on" date,
	"amount_fen" bigint,
	"payload" jsonb NOT NULL,
	"batch_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_verification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"household_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"answers" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_flag" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"reason" text NOT NULL,
	"flagged_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rule" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"severity" text NOT NULL,
	"due_working_days" integer NOT NULL,
	"act_role" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_warning" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_code" text NOT NULL,
	"kind" text DEFAULT 'warning' NOT NULL,
	"dedup_key" text NOT NULL,
	"person_id" uuid,
	"household_id" uuid,
	"region_code" text COLLATE "C" NOT NULL,
	"severity" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_role" text NOT NULL,
	"assignee_id" uuid,
	"due_on" date NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"case_id" uuid,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "monitoring_warning_kind_ck" CHECK ("monitoring_warning"."kind" IN ('warning', 'outreach', 'recheck')),
	CONSTRAINT "monitoring_warning_status_ck" CHECK ("monitoring_warning"."status" IN ('open', 'in_progress', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "monitoring_warning_note" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visited_on" date,
	"note" text NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_batch" ADD CONSTRAINT "exchange_batch_category_code_exchange_category_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."exchange_category"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_category" ADD CONSTRAINT "exchange_category_department_code_exchange_department_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."exchange_department"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warning_note" ADD CONSTRAINT "monitoring_warning_note_warning_id_monitoring_warning_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."monitoring_warning"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_batch_content_uq" ON "exchange_batch" USING btree ("category_code","content_hash");--> statement-breakpoint
CREATE INDEX "exchange_category_department_idx" ON "exchange_category" USING btree ("department_code");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_record_key_uq" ON "exchange_record" USING btree ("category_code","record_key");--> statement-breakpoint
CREATE INDEX "exchange_record_subject_idx" ON "exchange_record" USING btree ("subject_index","category_code");--> statement-breakpoint
CREATE INDEX "exchange_record_batch_idx" ON "exchange_record" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "exchange_verification_case_idx" ON "exchange_verification" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "exchange_verification_hh_idx" ON "exchange_verification" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "monitoring_flag_region_idx" ON "monitoring_flag" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_warning_dedup_uq" ON "monitoring_warning" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "monitoring_warning_region_idx" ON "monitoring_warning" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "monitoring_warning_due_idx" ON "monitoring_warning" USING btree ("due_on") WHERE "monitoring_warning"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "monitoring_warning_note_warning_idx" ON "monitoring_warning_note" USING btree ("warning_id");