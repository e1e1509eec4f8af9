import { MigrationInterface, QueryRunner } from "typeorm";

export class DecisionExtracts1796698242489 implements MigrationInterface {
    name = 'DecisionExtracts1796698242489'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "unit_mailbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "unit" text NOT NULL, "email" text NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1128cc1a6ad9807466f2ef8f5bb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_349ad815d1e82880421186ba6f" ON "unit_mailbox"  ("body_id", "unit") `);
        await queryRunner.query(`CREATE TABLE "decision_extract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "paper_id" uuid NOT NULL, "title" text NOT NULL, "paper_reference" text, "paper_subject" text NOT NULL, "item_number" text NOT NULL, "public" boolean NOT NULL, "responsible_unit" text, "mailbox" text, "format" text NOT NULL, "content" bytea NOT NULL, "sha256" text NOT NULL, "minutes_sha256" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_51ea1dd2b7e9c60328b984aa0a" CHECK ("format" IN ('html', 'pdf')), CONSTRAINT "PK_f7908173113cbbb1ef9288e9d59" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c522b8a9a0d6cb25b6fec58b3f" ON "decision_extract"  ("meeting_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b116b722353f0ea534394d0c91" ON "decision_extract"  ("agenda_item_id", "format") `);
        await queryRunner.query(`ALTER TABLE "unit_mailbox" ADD CONSTRAINT "FK_d68233cef61d91775820b0a7cdb" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_extract" ADD CONSTRAINT "FK_c522b8a9a0d6cb25b6fec58b3f7" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "decision_extract" ADD CONSTRAINT "FK_ff339a14eeec598634cc1ddd052" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Stored documents are written once: the database itself refuses to change or remove
        // a Beschlussauszug or signed minutes (meeting_minutes was unprotected until now).
        await queryRunner.query(`CREATE FUNCTION stored_document_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END
        $$`);
        for (const table of ['decision_extract', 'meeting_minutes']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION stored_document_append_only()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION stored_document_append_only()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['meeting_minutes', 'decision_extract']) {
            await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER ${table}_no_update_delete ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION stored_document_append_only()`);
        await queryRunner.query(`ALTER TABLE "decision_extract" DROP CONSTRAINT "FK_ff339a14eeec598634cc1ddd052"`);
        await queryRunner.query(`ALTER TABLE "decision_extract" DROP CONSTRAINT "FK_c522b8a9a0d6cb25b6fec58b3f7"`);
        await queryRunner.query(`ALTER TABLE "unit_mailbox" DROP CONSTRAINT "FK_d68233cef61d91775820b0a7cdb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b116b722353f0ea534394d0c91"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c522b8a9a0d6cb25b6fec58b3f"`);
        await queryRunner.query(`DROP TABLE "decision_extract"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_349ad815d1e82880421186ba6f"`);
        await queryRunner.query(`DROP TABLE "unit_mailbox"`);
    }

}
