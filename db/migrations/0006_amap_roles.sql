-- Roles per AMAP (issue 13): a référent is a référent of an AMAP; the
-- settings are one row per AMAP. A database of one AMAP keeps its référents
-- as that AMAP's.
CREATE TABLE "amap_referents" (
	"amap_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amap_referents_amap_id_user_id_pk" PRIMARY KEY("amap_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "amap_referents" ADD CONSTRAINT "amap_referents_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amap_referents" ADD CONSTRAINT "amap_referents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "amap_referents_user_idx" ON "amap_referents" USING btree ("user_id");--> statement-breakpoint
INSERT INTO "amap_referents" ("amap_id", "user_id")
SELECT (SELECT min("id") FROM "amaps"), "id" FROM "users" WHERE "is_referent";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "is_referent";--> statement-breakpoint
ALTER TABLE "settings" DROP CONSTRAINT "settings_single_row";--> statement-breakpoint
ALTER TABLE "settings" DROP CONSTRAINT "settings_pkey";--> statement-breakpoint
DROP INDEX "settings_amap_key";--> statement-breakpoint
ALTER TABLE "settings" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "settings" ADD PRIMARY KEY ("amap_id");
