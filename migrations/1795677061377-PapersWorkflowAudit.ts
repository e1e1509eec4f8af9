import { MigrationInterface, QueryRunner } from "typeorm";

export class PapersWorkflowAudit1795677061377 implements MigrationInterface {
    name = 'PapersWorkflowAudit1795677061377'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "caused_by_seq" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_message_pending" ON "outbox_message"  ("created_at") WHERE "processed_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "body_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_state" text, "to_state" text NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "machine_version" integer NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_df012b872f17251c4a2eac6a61" ON "audit_event"  ("body_id", "at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_695d5351802e4f0f4b9a04116c" ON "audit_event"  ("subject_type", "subject_id", "seq") `);
        await queryRunner.query(`CREATE TABLE "paper" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "reference" text, "paper_type" text NOT NULL, "title" text NOT NULL, "public" boolean NOT NULL DEFAULT true, "decision_proposal" text NOT NULL DEFAULT '', "facts" text NOT NULL DEFAULT '', "goals" jsonb NOT NULL DEFAULT '[]', "measures" jsonb NOT NULL DEFAULT '[]', "costs" text, "climate_effect" text NOT NULL DEFAULT 'none', "climate_justification" text, "responsible_unit" text, "state" text NOT NULL, "snapshot" jsonb NOT NULL, "machine_version" integer NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_241f2ce162a489144cea42f6df" CHECK ("climate_effect" IN ('none', 'positive', 'negative')), CONSTRAINT "CHK_dd187a6fd36855544a25e3e999" CHECK ("paper_type" IN ('Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage')), CONSTRAINT "PK_ca8320a8e49e70e3de2d843a80a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_paper_reference" ON "paper"  ("body_id", "reference") WHERE "reference" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_cacc2beb3849db1065d099d17d" ON "paper"  ("body_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_d5e96e1b3721df966178b1129a" ON "paper"  ("body_id", "state") `);
        await queryRunner.query(`CREATE TABLE "consultation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "paper_id" uuid NOT NULL, "body_id" uuid NOT NULL, "position" integer NOT NULL, "key" text NOT NULL, "organization_id" uuid NOT NULL, "role" text NOT NULL, "planned_date" date, "agenda_item_number" text, "reporter" text, "meeting_id" uuid, "scheduled_date" date, "result" text, "votes" jsonb, "result_text" text, "decided_at" TIMESTAMP WITH TIME ZONE, "origin" text NOT NULL DEFAULT 'planned', CONSTRAINT "CHK_49d2d30e6021f97b770ad34046" CHECK ("role" IN ('preliminary', 'decisive', 'info')), CONSTRAINT "PK_5203569fac28a4a626c42abe70b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_aa1df884b58db8878cfc77d362" ON "consultation"  ("organization_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_0b2f3eb024c5a6595a32a5fe0d" ON "consultation"  ("paper_id", "position") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c2dbec0a5d8cb3d7cd2554ec62" ON "consultation"  ("paper_id", "key") `);
        await queryRunner.query(`CREATE TABLE "reference_counter" ("body_id" uuid NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_cd1ae679163f85547ac1cff6cb0" PRIMARY KEY ("body_id", "year"))`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "FK_76dba81f70d39b89ce22cb59de2" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consultation" ADD CONSTRAINT "FK_c834dc2da9c1550105b6e90677f" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consultation" ADD CONSTRAINT "FK_bbe6b1bd77c9ae82ab6d94dc507" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "consultation" ADD CONSTRAINT "FK_aa1df884b58db8878cfc77d3626" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reference_counter" ADD CONSTRAINT "FK_8b61ef969598eaf4d53e8609606" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // The audit log is append-only: the database itself refuses to change or remove history.
        await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
        $$`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
        await queryRunner.query(`DROP TRIGGER audit_event_no_update_delete ON "audit_event"`);
        await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
        await queryRunner.query(`ALTER TABLE "reference_counter" DROP CONSTRAINT "FK_8b61ef969598eaf4d53e8609606"`);
        await queryRunner.query(`ALTER TABLE "consultation" DROP CONSTRAINT "FK_aa1df884b58db8878cfc77d3626"`);
        await queryRunner.query(`ALTER TABLE "consultation" DROP CONSTRAINT "FK_bbe6b1bd77c9ae82ab6d94dc507"`);
        await queryRunner.query(`ALTER TABLE "consultation" DROP CONSTRAINT "FK_c834dc2da9c1550105b6e90677f"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "FK_76dba81f70d39b89ce22cb59de2"`);
        await queryRunner.query(`DROP TABLE "reference_counter"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c2dbec0a5d8cb3d7cd2554ec62"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0b2f3eb024c5a6595a32a5fe0d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_aa1df884b58db8878cfc77d362"`);
        await queryRunner.query(`DROP TABLE "consultation"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d5e96e1b3721df966178b1129a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cacc2beb3849db1065d099d17d"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_paper_reference"`);
        await queryRunner.query(`DROP TABLE "paper"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_695d5351802e4f0f4b9a04116c"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_df012b872f17251c4a2eac6a61"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_outbox_message_pending"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
    }

}
