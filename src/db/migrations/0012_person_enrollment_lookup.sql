CREATE INDEX "assistance_enrollment_person_idx" ON "assistance_enrollment" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "assistance_enrollment_members_idx" ON "assistance_enrollment" USING gin (("basis" -> 'memberIds'));--> statement-breakpoint
CREATE INDEX "household_member_person_idx" ON "household_member" USING btree ("person_id","valid_from");