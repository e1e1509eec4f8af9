import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * § 39 Abs. 1 KrO NRW: the Landrat may object to a decision of the Kreistag at the latest
 * on the third day after it. The window is data of the organization (null: none, e.g. a
 * committee); every existing Kreistag gets the statutory 3 days.
 */
export class ObjectionWindow1796180200000 implements MigrationInterface {
    name = 'ObjectionWindow1796180200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organization" ADD "objection_window_days" integer`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_4b42ce89ac9991291a07d4bede" CHECK ("objection_window_days" BETWEEN 0 AND 60)`);
        await queryRunner.query(`UPDATE "organization" SET "objection_window_days" = 3 WHERE "kind" = 'district_council'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_4b42ce89ac9991291a07d4bede"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "objection_window_days"`);
    }

}
