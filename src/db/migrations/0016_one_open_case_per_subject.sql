-- One open social assistance application per household, held by a partial unique index instead of an advisory lock
-- plus a query in every intake. Existing application cases become exclusive; should a household somehow have two
-- open ones already, only the newest is marked, so the index builds and the older one stays workable.
ALTER TABLE "wf_case" ADD COLUMN "exclusive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "wf_case" c SET "exclusive" = true
 WHERE c."workflow" = 'assistance.application'
   AND NOT EXISTS (
     SELECT 1 FROM "wf_case" d
      WHERE c."closed_at" IS NULL AND d."closed_at" IS NULL AND d."workflow" = c."workflow"
        AND d."subject_type" IS NOT DISTINCT FROM c."subject_type" AND d."subject_id" = c."subject_id"
        AND (d."opened_at", d."id") > (c."opened_at", c."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "wf_case_one_open_per_subject_uq" ON "wf_case" USING btree ("workflow","subject_type","subject_id") WHERE "wf_case"."exclusive" AND "wf_case"."closed_at" IS NULL;
