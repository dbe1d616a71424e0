-- A submitted 好差评 rating is evidence (GB/T 39734: one rating per case, not edited afterwards): append-only like
-- audit_log (huimin_forbid_change from 0001). On PostgreSQL the app role also loses UPDATE/DELETE on it
-- (src/db/roles.ts revokes every table guarded by this trigger after migrating).
CREATE TRIGGER service_rating_append_only BEFORE UPDATE OR DELETE ON service_rating FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change();
