-- ADR 0005: the audit chain moves out of the business transaction. audit_log rows are appended without a lock;
-- the sealer links them into audit_seal after commit. Existing rows keep their links (seq = their id, same hashes).
CREATE TABLE "audit_pending" (
	"audit_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_seal" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seal_audit_uq" ON "audit_seal" USING btree ("audit_id");--> statement-breakpoint
INSERT INTO "audit_seal" ("seq", "audit_id", "prev_hash", "hash") SELECT "id", "id", "prev_hash", "hash" FROM "audit_log";--> statement-breakpoint
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change();--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "hash";
