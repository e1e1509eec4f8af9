import { MigrationInterface, QueryRunner } from "typeorm";

/** Änderungsanträge: their own records on an agenda item, voted before the main motion (GO des Kreistags). */
export class Amendments1796180100000 implements MigrationInterface {
    name = 'Amendments1796180100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "amendment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid NOT NULL, "paper_id" uuid NOT NULL, "consultation_key" text NOT NULL, "number" integer NOT NULL, "originator_organization_id" uuid, "originator_person_id" uuid, "originator_name" text NOT NULL, "text" text NOT NULL, "change" text, "state" text NOT NULL DEFAULT 'proposed', "votes" jsonb, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "withdrawn_reason" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ce2d6f4e3319dec5113a909ad4" CHECK ("state" IN ('proposed', 'adopted', 'rejected', 'withdrawn')), CONSTRAINT "CHK_a4e075155a55254bd9fa07d126" CHECK ("originator_organization_id" IS NULL OR "originator_person_id" IS NULL), CONSTRAINT "PK_amendment" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_amendment_item_number" ON "amendment" ("agenda_item_id", "number")`);
        await queryRunner.query(`CREATE INDEX "IDX_amendment_meeting_id" ON "amendment" ("meeting_id")`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_body" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_agenda_item" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_paper" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_originator_organization" FOREIGN KEY ("originator_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "amendment" ADD CONSTRAINT "FK_amendment_originator_person" FOREIGN KEY ("originator_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "amendment"`);
    }

}
