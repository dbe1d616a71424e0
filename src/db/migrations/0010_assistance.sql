-- Social assistance (issue 3): policy parameters, applications, verification, 公示, enrollments, payroll.
-- Region columns are C-collated (as person.region_code, 0009) so scope filters LIKE '<prefix>%' use btree ranges.
CREATE TABLE "assistance_application" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"applicant_person_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"area" text NOT NULL,
	"channel" text NOT NULL,
	"requested" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"declared" jsonb NOT NULL,
	"verified" jsonb,
	"authorisation_document_id" uuid,
	"authorised_on" date,
	"decision" jsonb,
	"policy_snapshot_id" uuid,
	"programme" text,
	"amount_fen" integer,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assistance_application_area_ck" CHECK ("assistance_application"."area" IN ('urban', 'rural')),
	CONSTRAINT "assistance_application_channel_ck" CHECK ("assistance_application"."channel" IN ('window', 'portal', 'coordinator', 'discovery'))
);
--> statement-breakpoint
CREATE TABLE "assistance_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_enrollment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"household_id" uuid NOT NULL,
	"person_id" uuid,
	"region_code" text COLLATE "C" NOT NULL,
	"area" text NOT NULL,
	"programme" text NOT NULL,
	"status" text NOT NULL,
	"members" integer NOT NULL,
	"per_capita_income_fen" integer DEFAULT 0 NOT NULL,
	"amount_fen" integer NOT NULL,
	"basis" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"start_month" date NOT NULL,
	"end_month" date,
	"exit_reason" text,
	"review_interval_months" integer DEFAULT 12 NOT NULL,
	"next_review_on" date,
	"policy_snapshot_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assistance_enrollment_status_ck" CHECK ("assistance_enrollment"."status" IN ('active', 'suspended', 'gradual_exit', 'exited'))
);
--> statement-breakpoint
CREATE TABLE "assistance_enrollment_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"effective_month" date,
	"amount_fen" integer,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_finding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"member_person_id" uuid,
	"declared" jsonb,
	"found" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"outcome" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_finding_status_ck" CHECK ("assistance_finding"."status" IN ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "assistance_objection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"content" text NOT NULL,
	"contact" text,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_overpayment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"amount_fen" integer NOT NULL,
	"fine_fen" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"recovered_fen" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_publicity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"village_code" text COLLATE "C" NOT NULL,
	"masked_name" text NOT NULL,
	"programme" text NOT NULL,
	"members" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_publicity_status_ck" CHECK ("assistance_publicity"."status" IN ('open', 'closed', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "assistance_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"kind" text NOT NULL,
	"period" text,
	"content" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"submitted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_report_kind_ck" CHECK ("assistance_report"."kind" IN ('periodic', 'change'))
);
--> statement-breakpoint
CREATE TABLE "assistance_transfer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"need" text NOT NULL,
	"to_org_id" uuid NOT NULL,
	"note" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"due_on" date NOT NULL,
	"reply" text,
	"replied_by" text,
	"replied_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_transfer_status_ck" CHECK ("assistance_transfer"."status" IN ('sent', 'accepted', 'replied', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "assistance_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visited_on" date NOT NULL,
	"investigator_ids" jsonb NOT NULL,
	"notes" text NOT NULL,
	"observations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_visit_kind_ck" CHECK ("assistance_visit"."kind" IN ('home_visit', 'neighbour_interview'))
);
--> statement-breakpoint
CREATE TABLE "payroll_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"for_month" date NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text NOT NULL,
	"basis" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"carried_from_line_id" uuid,
	"failure_reason" text,
	"bank_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payroll_line_status_ck" CHECK ("payroll_line"."status" IN ('payable', 'held', 'paid', 'failed', 'carried'))
);
--> statement-breakpoint
CREATE TABLE "payroll_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_code" text COLLATE "C" NOT NULL,
	"programme" text NOT NULL,
	"month" date NOT NULL,
	"status" text DEFAULT 'computing' NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"held_count" integer DEFAULT 0 NOT NULL,
	"computed_by" text NOT NULL,
	"computed_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"exported_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "payroll_run_status_ck" CHECK ("payroll_run"."status" IN ('computing', 'computed', 'approved', 'exported', 'reconciled', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "policy_parameter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme" text NOT NULL,
	"key" text NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"effective_from" date NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text
);
--> statement-breakpoint
CREATE TABLE "policy_snapshot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme" text NOT NULL,
	"hash" text NOT NULL,
	"region_code" text COLLATE "C" NOT NULL,
	"on_date" date NOT NULL,
	"citations" jsonb NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_snapshot_scheme_ck" CHECK ("policy_snapshot"."scheme" <> '')
);
--> statement-breakpoint
ALTER TABLE "assistance_application" ADD CONSTRAINT "assistance_application_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_application" ADD CONSTRAINT "assistance_application_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_application" ADD CONSTRAINT "assistance_application_applicant_person_id_person_id_fk" FOREIGN KEY ("applicant_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_document" ADD CONSTRAINT "assistance_document_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_enrollment" ADD CONSTRAINT "assistance_enrollment_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_enrollment" ADD CONSTRAINT "assistance_enrollment_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_enrollment_event" ADD CONSTRAINT "assistance_enrollment_event_enrollment_id_assistance_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."assistance_enrollment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_finding" ADD CONSTRAINT "assistance_finding_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_objection" ADD CONSTRAINT "assistance_objection_publicity_id_assistance_publicity_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."assistance_publicity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_overpayment" ADD CONSTRAINT "assistance_overpayment_enrollment_id_assistance_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."assistance_enrollment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_publicity" ADD CONSTRAINT "assistance_publicity_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_report" ADD CONSTRAINT "assistance_report_enrollment_id_assistance_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."assistance_enrollment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_transfer" ADD CONSTRAINT "assistance_transfer_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_visit" ADD CONSTRAINT "assistance_visit_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD CONSTRAINT "payroll_line_run_id_payroll_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payroll_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD CONSTRAINT "payroll_line_enrollment_id_assistance_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."assistance_enrollment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_line" ADD CONSTRAINT "payroll_line_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_application_region_idx" ON "assistance_application" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "assistance_application_household_idx" ON "assistance_application" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "assistance_document_case_idx" ON "assistance_document" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "assistance_enrollment_region_idx" ON "assistance_enrollment" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "assistance_enrollment_household_idx" ON "assistance_enrollment" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "assistance_enrollment_review_idx" ON "assistance_enrollment" USING btree ("next_review_on");--> statement-breakpoint
CREATE INDEX "assistance_enrollment_event_enrollment_idx" ON "assistance_enrollment_event" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "assistance_finding_case_idx" ON "assistance_finding" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "assistance_objection_publicity_idx" ON "assistance_objection" USING btree ("publicity_id");--> statement-breakpoint
CREATE INDEX "assistance_overpayment_enrollment_idx" ON "assistance_overpayment" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "assistance_publicity_village_idx" ON "assistance_publicity" USING btree ("village_code","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "assistance_publicity_open_uq" ON "assistance_publicity" USING btree ("case_id") WHERE "assistance_publicity"."status" = 'open';--> statement-breakpoint
CREATE INDEX "assistance_report_enrollment_idx" ON "assistance_report" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "assistance_report_region_idx" ON "assistance_report" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "assistance_transfer_case_idx" ON "assistance_transfer" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "assistance_transfer_org_idx" ON "assistance_transfer" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "assistance_visit_case_idx" ON "assistance_visit" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "payroll_line_run_idx" ON "payroll_line" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payroll_line_region_idx" ON "payroll_line" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_line_paid_uq" ON "payroll_line" USING btree ("enrollment_id","for_month") WHERE "payroll_line"."status" IN ('payable', 'paid');--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_line_run_uq" ON "payroll_line" USING btree ("run_id","enrollment_id","for_month");--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_run_month_uq" ON "payroll_run" USING btree ("district_code","programme","month");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_parameter_live_uq" ON "policy_parameter" USING btree ("scheme","key","region_code","effective_from") WHERE "policy_parameter"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "policy_parameter_lookup_idx" ON "policy_parameter" USING btree ("scheme","key","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_snapshot_hash_uq" ON "policy_snapshot" USING btree ("scheme","hash");