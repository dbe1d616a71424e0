-- Scope filters are `region_code LIKE '<prefix>%'`. Under a non-C database collation (e.g. C.UTF-8 on Debian)
-- PostgreSQL cannot use a plain btree for LIKE, so name search in a township scanned every same-surname person
-- of the whole database. Region codes are digits: byte order is the only order they need.
DROP INDEX "person_region_name_idx";--> statement-breakpoint
ALTER TABLE "person" ALTER COLUMN "region_code" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX "person_region_name_prefix_idx" ON "person" USING btree ("region_code","name" text_pattern_ops);
