CREATE TABLE "service_rating" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_id" uuid,
	"region_code" text NOT NULL,
	"business_line" text NOT NULL,
	"workflow" text NOT NULL,
	"grade" text NOT NULL,
	"score" integer NOT NULL,
	"dimensions" text[] DEFAULT '{}'::text[] NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"rated_by_type" text NOT NULL,
	"rated_by_id" text NOT NULL,
	"rated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_rating_case_id_unique" UNIQUE("case_id"),
	CONSTRAINT "service_rating_grade_ck" CHECK ("service_rating"."grade" IN ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
	CONSTRAINT "service_rating_score_ck" CHECK ("service_rating"."score" BETWEEN 1 AND 5),
	CONSTRAINT "service_rating_channel_ck" CHECK ("service_rating"."channel" IN ('portal', 'window'))
);
--> statement-breakpoint
ALTER TABLE "service_rating" ADD CONSTRAINT "service_rating_case_id_wf_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."wf_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_rating" ADD CONSTRAINT "service_rating_org_id_organisation_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_rating_region_idx" ON "service_rating" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "service_rating_org_grade_idx" ON "service_rating" USING btree ("org_id","grade");