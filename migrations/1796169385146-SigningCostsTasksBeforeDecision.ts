import { MigrationInterface, QueryRunner } from "typeorm";

export class SigningCostsTasksBeforeDecision1796169385146 implements MigrationInterface {
    name = 'SigningCostsTasksBeforeDecision1796169385146'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "signer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "user_id" uuid NOT NULL, "name" text NOT NULL, "function" text NOT NULL, "co_sign_units" text array NOT NULL DEFAULT '{}', "deputy_for" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL, CONSTRAINT "CHK_bc058d31acf38f2c0b4e7c84fa" CHECK ("deputy_for" <@ ARRAY['department_head', 'district_director', 'district_administrator']::text[]), CONSTRAINT "PK_07c56344c848a4910c80dbe0eca" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2940d26b96166d9b2936167f91" ON "signer" ("body_id", "user_id") `);
        await queryRunner.query(`ALTER TABLE "signer" ADD CONSTRAINT "FK_a1803573d3b8d141223b8c8ec7b" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" ADD "parallel" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "cost_items" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "paper" ADD "paper_date" date`);
        await queryRunner.query(`ALTER TABLE "task" ADD "before_decision_reason" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "before_decision_reason"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "paper_date"`);
        await queryRunner.query(`ALTER TABLE "paper" DROP COLUMN "cost_items"`);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" DROP COLUMN "parallel"`);
        await queryRunner.query(`ALTER TABLE "signer" DROP CONSTRAINT "FK_a1803573d3b8d141223b8c8ec7b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_2940d26b96166d9b2936167f91"`);
        await queryRunner.query(`DROP TABLE "signer"`);
    }

}
