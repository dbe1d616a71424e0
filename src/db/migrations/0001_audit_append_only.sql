-- History is never overwritten: audit rows and case actions can only be appended.
-- (On PostgreSQL the app role also lacks UPDATE/DELETE on these tables; the trigger guards the embedded database too.)
CREATE OR REPLACE FUNCTION huimin_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change();--> statement-breakpoint
CREATE TRIGGER wf_action_append_only BEFORE UPDATE OR DELETE ON wf_action FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change();--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS case_no_seq;--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS household_no_seq;
