import { MigrationInterface, QueryRunner } from "typeorm";

export class MinutesDocuments1796173067011 implements MigrationInterface {
    name = 'MinutesDocuments1796173067011'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "meeting_minutes" ("meeting_id" uuid NOT NULL, "stage" text NOT NULL, "part" text NOT NULL, "html" text NOT NULL, "sha256" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9fb3a9620aadb80b5b8119b03ee" PRIMARY KEY ("meeting_id", "stage", "part"))`);
        await queryRunner.query(`ALTER TABLE "meeting_minutes" ADD CONSTRAINT "FK_8d196aa03411be2d356cf549e62" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "meeting_minutes" DROP CONSTRAINT "FK_8d196aa03411be2d356cf549e62"`);
        await queryRunner.query(`DROP TABLE "meeting_minutes"`);
    }

}
