CREATE TABLE "amap_partnerships" (
	"id" serial PRIMARY KEY NOT NULL,
	"amap_id" integer NOT NULL,
	"partner_amap_id" integer NOT NULL,
	"requested_by_id" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by_id" text,
	"accepted_at" timestamp with time zone,
	"ended_by_id" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "amap_partnerships_two_amaps" CHECK ("amap_partnerships"."amap_id" <> "amap_partnerships"."partner_amap_id")
);
--> statement-breakpoint
CREATE TABLE "partner_list_departures" (
	"user_id" text NOT NULL,
	"amap_id" integer NOT NULL,
	"left_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_list_departures_user_id_amap_id_pk" PRIMARY KEY("user_id","amap_id")
);
--> statement-breakpoint
ALTER TABLE "intermittent_memberships" ADD COLUMN "partner_baskets" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "partners_announced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "via_amap_id" integer;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "partner_delay_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "amap_partnerships" ADD CONSTRAINT "amap_partnerships_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amap_partnerships" ADD CONSTRAINT "amap_partnerships_partner_amap_id_amaps_id_fk" FOREIGN KEY ("partner_amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amap_partnerships" ADD CONSTRAINT "amap_partnerships_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amap_partnerships" ADD CONSTRAINT "amap_partnerships_accepted_by_id_users_id_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amap_partnerships" ADD CONSTRAINT "amap_partnerships_ended_by_id_users_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_list_departures" ADD CONSTRAINT "partner_list_departures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_list_departures" ADD CONSTRAINT "partner_list_departures_amap_id_amaps_id_fk" FOREIGN KEY ("amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amap_partnerships_live_pair_key" ON "amap_partnerships" USING btree (least("amap_id", "partner_amap_id"),greatest("amap_id", "partner_amap_id")) WHERE "amap_partnerships"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "amap_partnerships_amap_idx" ON "amap_partnerships" USING btree ("amap_id") WHERE "amap_partnerships"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "amap_partnerships_partner_idx" ON "amap_partnerships" USING btree ("partner_amap_id") WHERE "amap_partnerships"."ended_at" is null;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_via_amap_id_amaps_id_fk" FOREIGN KEY ("via_amap_id") REFERENCES "public"."amaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_partners_due_idx" ON "offers" USING btree ("created_at") WHERE "offers"."status" = 'open' and "offers"."partners_announced_at" is null;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_partner_delay_hours" CHECK ("settings"."partner_delay_hours" between 1 and 336);