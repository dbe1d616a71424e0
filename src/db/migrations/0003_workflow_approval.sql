CREATE TABLE "wf_approval" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"entered_seq" integer NOT NULL,
	"mode" text NOT NULL,
	"role" text NOT NULL,
	"approver_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"origin" text NOT NULL,
	"added_by" text,
	"transferred_from" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "wf_approval_mode_ck" CHECK ("wf_approval"."mode" IN ('all', 'any')),
	CONSTRAINT "wf_approval_status_ck" CHECK ("wf_approval"."status" IN ('pending', 'approved', 'rejected', 'transferred', 'skipped', 'withdrawn')),
	CONSTRAINT "wf_approval_origin_ck" CHECK ("wf_approval"."origin" IN ('assigned', 'added', 'transferred'))
);
--> statement-breakpoint
ALTER TABLE "wf_approval" ADD CONSTRAINT "wf_approval_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wf_approval" ADD CONSTRAINT "wf_approval_approver_id_app_user_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wf_approval_case_idx" ON "wf_approval" USING btree ("case_id","step","entered_seq");--> statement-breakpoint
CREATE INDEX "wf_approval_pending_idx" ON "wf_approval" USING btree ("approver_id") WHERE "wf_approval"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "wf_approval_pending_uq" ON "wf_approval" USING btree ("case_id","entered_seq","approver_id") WHERE "wf_approval"."status" = 'pending';