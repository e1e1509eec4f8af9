import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxDone1796168153986 implements MigrationInterface {
    name = 'OutboxDone1796168153986'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD "done_at" TIMESTAMP WITH TIME ZONE`);
        // Rows relayed before this column existed count as done: their jobs ran long ago (or are dead
        // letters, retried by hand); re-queueing them would retry dead letters nobody asked to retry.
        await queryRunner.query(`UPDATE "outbox_message" SET "done_at" = "processed_at" WHERE "processed_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_message_unfinished" ON "outbox_message"  ("processed_at") WHERE "processed_at" IS NOT NULL AND "done_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_outbox_message_unfinished"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "done_at"`);
    }

}
