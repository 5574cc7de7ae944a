-- One deployment, a network of AMAPs (issue 13, DESIGN.md §11). A database of
-- one AMAP becomes that AMAP: every AMAP-owned row is backfilled with it.
CREATE TABLE "amaps" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"suspended_at" timestamp with time zone,
	CONSTRAINT "amaps_slug_format" CHECK ("amaps"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);--> statement-breakpoint
DROP INDEX "distributions_starts_idx";--> statement-breakpoint
DROP INDEX "intermittent_memberships_active_key";--> statement-breakpoint
DROP INDEX "intermittent_monthly_stats_month_idx";--> statement-breakpoint
DROP INDEX "intermittent_requests_one_pending_key";--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "distributions" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "intermittent_memberships" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "intermittent_monthly_stats" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "intermittent_requests" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "monthly_stats" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "amap_id" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "amap_id" integer;--> statement-breakpoint
-- The AMAP of this database, named after its settings (« AMAP des Tilleuls » →
-- tilleuls); a fresh database gets one too, which its settings will name.
INSERT INTO "amaps" ("slug")
SELECT CASE WHEN s.slug IN ('', 'admin', 'api', 'connexion', 'compte', 'paniers', 'absence', 'mes-paniers', 'inscription', 'lien', 'invitation', 'devenir-intermittent', 'reseau', 'aide', 'mentions-legales')
            THEN 'mon-amap' ELSE s.slug END
FROM (
  SELECT trim(both '-' from regexp_replace(
           regexp_replace(
             regexp_replace(translate(lower(coalesce((SELECT "amap_name" FROM "settings" WHERE "id" = 1), '')),
                                      'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ', 'aaaaaaceeeeiiiinooooouuuuyyoa'),
                            '[^a-z0-9]+', '-', 'g'),
             '^amap-(des|du|de-la|de-l|de|d|la|le|les|l)?-?', ''),
           '-+', '-', 'g')) AS slug
) s--> statement-breakpoint
UPDATE "contracts" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "distributions" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "events" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "intermittent_memberships" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "intermittent_monthly_stats" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "intermittent_requests" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "invitations" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "monthly_stats" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "offers" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "outbox" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "places" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "settings" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
UPDATE "subscriptions" SET "amap_id" = (SELECT min("id") FROM "amaps");--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "distributions" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "intermittent_memberships" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "intermittent_monthly_stats" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "intermittent_requests" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_stats" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "amap_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_stats" DROP CONSTRAINT "monthly_stats_pkey";--> statement-breakpoint
ALTER TABLE "monthly_stats" ADD CONSTRAINT "monthly_stats_amap_id_month_pk" PRIMARY KEY("amap_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "amaps_slug_key" ON "amaps" USING btree ("slug");--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intermittent_memberships" ADD CONSTRAINT "intermittent_memberships_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intermittent_monthly_stats" ADD CONSTRAINT "intermittent_monthly_stats_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intermittent_requests" ADD CONSTRAINT "intermittent_requests_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_stats" ADD CONSTRAINT "monthly_stats_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contracts_amap_idx" ON "contracts" USING btree ("amap_id");--> statement-breakpoint
CREATE INDEX "distributions_amap_starts_idx" ON "distributions" USING btree ("amap_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_amap_at_idx" ON "events" USING btree ("amap_id","created_at");--> statement-breakpoint
CREATE INDEX "intermittent_memberships_user_idx" ON "intermittent_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "intermittent_requests_amap_idx" ON "intermittent_requests" USING btree ("amap_id","status");--> statement-breakpoint
CREATE INDEX "invitations_amap_idx" ON "invitations" USING btree ("amap_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_amap_status_idx" ON "offers" USING btree ("amap_id","status");--> statement-breakpoint
CREATE INDEX "outbox_amap_created_idx" ON "outbox" USING btree ("amap_id","created_at");--> statement-breakpoint
CREATE INDEX "places_amap_idx" ON "places" USING btree ("amap_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settings_amap_key" ON "settings" USING btree ("amap_id");--> statement-breakpoint
CREATE INDEX "subscriptions_amap_idx" ON "subscriptions" USING btree ("amap_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "intermittent_memberships_active_key" ON "intermittent_memberships" USING btree ("amap_id","user_id") WHERE "intermittent_memberships"."left_at" is null;--> statement-breakpoint
CREATE INDEX "intermittent_monthly_stats_month_idx" ON "intermittent_monthly_stats" USING btree ("amap_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "intermittent_requests_one_pending_key" ON "intermittent_requests" USING btree ("amap_id",lower("email")) WHERE "intermittent_requests"."status" = 'pending';
