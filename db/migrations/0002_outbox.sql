ALTER TABLE "settings" ADD COLUMN "email_log_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "used_link_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "join_request_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "used_links" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_email_log_retention" CHECK ("settings"."email_log_retention_days" between 7 and 3650);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_used_link_retention" CHECK ("settings"."used_link_retention_days" between 7 and 3650);--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_join_request_retention" CHECK ("settings"."join_request_retention_days" between 7 and 3650);