-- The login log is evidence like the audit log: rows are appended, never changed (huimin_forbid_change from 0001).
CREATE TRIGGER login_log_append_only BEFORE UPDATE OR DELETE ON login_log FOR EACH ROW EXECUTE FUNCTION huimin_forbid_change();
