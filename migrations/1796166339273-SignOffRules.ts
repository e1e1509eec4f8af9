import { MigrationInterface, QueryRunner } from "typeorm";

export class SignOffRules1796166339273 implements MigrationInterface {
    name = 'SignOffRules1796166339273'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sign_off_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "paper_type" text NOT NULL, "steps" text array NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_8aa5b0a15c876d14a751aee419" CHECK ("steps" <@ ARRAY['department_head', 'district_director', 'district_administrator']::text[]), CONSTRAINT "CHK_47c5dc386f7d75020716f8a9cd" CHECK ("paper_type" IN ('Beschlussvorlage', 'Mitteilungsvorlage', 'Antrag', 'Anfrage')), CONSTRAINT "PK_982358dc80e3faac1a2342c7423" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e0438408c9226fc0e71e51d43f" ON "sign_off_rule"  ("body_id", "paper_type") `);
        await queryRunner.query(`ALTER TABLE "sign_off_rule" ADD CONSTRAINT "FK_2f76a835b21f9a1139187aa13ef" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sign_off_rule" DROP CONSTRAINT "FK_2f76a835b21f9a1139187aa13ef"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e0438408c9226fc0e71e51d43f"`);
        await queryRunner.query(`DROP TABLE "sign_off_rule"`);
    }

}
