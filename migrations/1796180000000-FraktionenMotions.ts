import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Fraktionen and Gruppen (§ 40 KrO NRW) as organizations of a council; the council's
 * deadline for Anträge (GO des Kreistags, § 33 KrO NRW); Anträge and Anfragen registered
 * as received, with their originator; an Anfrage's Beantwortung; sign-off rules that may
 * say "none" (the seeded defaults of Anträge and Anfragen become "none").
 */
export class FraktionenMotions1796180000000 implements MigrationInterface {
    name = 'FraktionenMotions1796180000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_5282dc31a60e821231ad76087e"`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_c8f158e36cb6ed1db0fb0e4ebd" CHECK ("kind" IN ('committee', 'district_committee', 'district_council', 'city_council', 'other', 'fraction', 'group'))`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "parent_organization_id" uuid`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "motion_deadline_days" integer`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_986a21cf2cbc07f6515032bb6c" CHECK ("kind" NOT IN ('fraction', 'group') OR "parent_organization_id" IS NOT NULL)`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_1bf19b8b4318662ce031af4e8d" CHECK ("motion_deadline_days" BETWEEN 0 AND 120)`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "FK_organization_parent_organization" FOREIGN KEY ("parent_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "IDX_organization_parent_organization_id" ON "organization" ("parent_organization_id")`);

        await queryRunner.query(`ALTER TABLE "sign_off_rule" ADD "mode" text NOT NULL DEFAULT 'chain'`);
        // Rules nobody has set (version 0: the seeded defaults) of the types that come from Fraktionen and members.
        await queryRunner.query(`UPDATE "sign_off_rule" SET "mode" = 'none', "steps" = '{}', "parallel" = '{}' WHERE "version" = 0 AND "paper_type" IN ('Antrag', 'Anfrage')`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" ADD CONSTRAINT "CHK_a073e5608c9298260dcbe9c229" CHECK ("mode" IN ('chain', 'none'))`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" ADD CONSTRAINT "CHK_54bb970778152a82a37ca0e665" CHECK ("mode" = 'chain' OR (cardinality("steps") = 0 AND cardinality("parallel") = 0))`);

        await queryRunner.query(`ALTER TABLE "paper" ADD "originator_organization_id" uuid`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "originator_person_id" uuid`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "received_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "requested_meeting_id" uuid`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "answers_paper_id" uuid`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "CHK_76859c352f57bb64c889dd3244" CHECK ("originator_organization_id" IS NULL OR "originator_person_id" IS NULL)`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "CHK_45615549f0f005a89c2388abbe" CHECK ("paper_type" IN ('Antrag', 'Anfrage') OR ("originator_organization_id" IS NULL AND "originator_person_id" IS NULL))`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "CHK_53f420099f53347f4f5fe17dfb" CHECK ("answers_paper_id" IS NULL OR "paper_type" = 'Mitteilungsvorlage')`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "FK_paper_originator_organization" FOREIGN KEY ("originator_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "FK_paper_originator_person" FOREIGN KEY ("originator_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "paper" ADD CONSTRAINT "FK_paper_answers_paper" FOREIGN KEY ("answers_paper_id") REFERENCES "paper"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "IDX_paper_requested_meeting_id" ON "paper" ("requested_meeting_id") WHERE "requested_meeting_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_paper_answers_paper_id" ON "paper" ("answers_paper_id") WHERE "answers_paper_id" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_paper_answers_paper_id"`);
        await queryRunner.query(`DROP INDEX "IDX_paper_requested_meeting_id"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "FK_paper_answers_paper"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "FK_paper_originator_person"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "FK_paper_originator_organization"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "CHK_53f420099f53347f4f5fe17dfb"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "CHK_45615549f0f005a89c2388abbe"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP CONSTRAINT "CHK_76859c352f57bb64c889dd3244"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "answers_paper_id"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "requested_meeting_id"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "received_at"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "originator_person_id"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "originator_organization_id"`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" DROP CONSTRAINT "CHK_54bb970778152a82a37ca0e665"`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" DROP CONSTRAINT "CHK_a073e5608c9298260dcbe9c229"`);
        await queryRunner.query(`UPDATE "sign_off_rule" SET "steps" = ARRAY['department_head', 'district_director', 'district_administrator'] WHERE "mode" = 'none'`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" DROP COLUMN "mode"`);
        await queryRunner.query(`DROP INDEX "IDX_organization_parent_organization_id"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "FK_organization_parent_organization"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_1bf19b8b4318662ce031af4e8d"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_986a21cf2cbc07f6515032bb6c"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "motion_deadline_days"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "parent_organization_id"`);
        await queryRunner.query(`DELETE FROM "organization" WHERE "kind" IN ('fraction', 'group')`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_c8f158e36cb6ed1db0fb0e4ebd"`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_5282dc31a60e821231ad76087e" CHECK ("kind" IN ('committee', 'district_committee', 'district_council', 'city_council', 'other'))`);
    }

}
