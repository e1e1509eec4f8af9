import { MigrationInterface, QueryRunner } from "typeorm";

export class LocalMailBody1796167283355 implements MigrationInterface {
    name = 'LocalMailBody1796167283355'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "local_mail" ADD "body_id" uuid`);
        // Mails stored before: their body from the notification log (same Message-ID); any left over are the operator's only.
        await queryRunner.query(`UPDATE "local_mail" l SET "body_id" = n."body_id" FROM "notification" n WHERE n."message_id" = l."message_id"`);
        await queryRunner.query(`CREATE INDEX "IDX_ad131246b28de9ff25deb80163" ON "local_mail"  ("body_id", "created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_ad131246b28de9ff25deb80163"`);
        await queryRunner.query(`ALTER TABLE "local_mail" DROP COLUMN "body_id"`);
    }

}
