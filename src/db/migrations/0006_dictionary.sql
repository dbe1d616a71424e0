CREATE TABLE "dictionary" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"standard" text NOT NULL,
	"editable" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dictionary_item" (
	"dictionary_code" text NOT NULL,
	"value" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_local" boolean DEFAULT false NOT NULL,
	"sensitivity" text,
	"remark" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dictionary_item_dictionary_code_value_pk" PRIMARY KEY("dictionary_code","value"),
	CONSTRAINT "dictionary_item_sensitivity_ck" CHECK ("dictionary_item"."sensitivity" IS NULL OR "dictionary_item"."sensitivity" IN ('public', 'internal', 'personal', 'sensitive_personal'))
);
--> statement-breakpoint
ALTER TABLE "dictionary_item" ADD CONSTRAINT "dictionary_item_dictionary_code_dictionary_code_fk" FOREIGN KEY ("dictionary_code") REFERENCES "public"."dictionary"("code") ON DELETE no action ON UPDATE no action;