import { MigrationInterface, QueryRunner } from "typeorm";

export class Tasks1795696372201 implements MigrationInterface {
    name = 'Tasks1795696372201'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "paper_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "assignee_id" uuid, "department" text, "due_date" date, "state" text NOT NULL, "outcome" text NOT NULL DEFAULT 'open', "snapshot" jsonb NOT NULL, "machine_version" integer NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ca82482aa7307c0f1b5d8d1d05" ON "task"  ("body_id", "paper_id") `);
        await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_ea4972e3d43d60c2e6faad9ff5f" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_a35ce00f44c64fe7d48d993cae5" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "FK_75114a0b55080c15694f3d40ec9" FOREIGN KEY ("assignee_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_75114a0b55080c15694f3d40ec9"`);
        await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_a35ce00f44c64fe7d48d993cae5"`);
        await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_ea4972e3d43d60c2e6faad9ff5f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ca82482aa7307c0f1b5d8d1d05"`);
        await queryRunner.query(`DROP TABLE "task"`);
    }

}
