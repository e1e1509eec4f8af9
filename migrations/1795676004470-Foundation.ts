import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795676004470 implements MigrationInterface {
    name = 'Foundation1795676004470'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "body" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "short_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ee0ca7e27b9ce298db3967fa0d7" UNIQUE ("name"), CONSTRAINT "PK_fcdfba471eb9ce3c1add2c1e83d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "short_name" text NOT NULL, "invitation_period_days" integer NOT NULL DEFAULT '7', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_9991e0c5579c7a64006abd351d" CHECK ("invitation_period_days" BETWEEN 0 AND 60), CONSTRAINT "CHK_5282dc31a60e821231ad76087e" CHECK ("kind" IN ('committee', 'district_committee', 'district_council', 'city_council', 'other')), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1bef54616d5daef211a5ac0a8e" ON "organization"  ("body_id", "name") `);
        await queryRunner.query(`CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "form_of_address" text, "given_name" text, "family_name" text NOT NULL, "title" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_54bff86da37ae4323af272cdce" ON "person"  ("body_id", "family_name") `);
        await queryRunner.query(`CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'member', "voting_right" boolean NOT NULL DEFAULT true, "start_date" date NOT NULL, "end_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8435e2fa0b970f6b59b59a15d1" ON "membership"  ("organization_id", "person_id", "start_date") `);
        await queryRunner.query(`CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "display_name" text NOT NULL, "email" text, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3c4d4fae641bf9048ad324ee0d9" UNIQUE ("username"), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "role_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "body_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ce30af0ba16c09e8c9714a16ba" CHECK ("role" IN ('clerk', 'department_head', 'district_director', 'district_administrator', 'committee_office', 'auditor', 'admin')), CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_70e1afc530b7b5d0a8bb27f8a7" ON "role_assignment"  ("user_id", "body_id", "role") `);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "FK_e456338f3b138441be5c17cbfba" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "person" ADD CONSTRAINT "FK_8992282dde031b0a2a958a52aba" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_f899b288c84f00fced90b8f3b06" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_0308896e1a10f74ce104f6cc93f" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_6adc3c358e15e33f7bfbee4a07a" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_6adc3c358e15e33f7bfbee4a07a"`);
        await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_0308896e1a10f74ce104f6cc93f"`);
        await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595"`);
        await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f"`);
        await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_f899b288c84f00fced90b8f3b06"`);
        await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_8992282dde031b0a2a958a52aba"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "FK_e456338f3b138441be5c17cbfba"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_70e1afc530b7b5d0a8bb27f8a7"`);
        await queryRunner.query(`DROP TABLE "role_assignment"`);
        await queryRunner.query(`DROP TABLE "user_account"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8435e2fa0b970f6b59b59a15d1"`);
        await queryRunner.query(`DROP TABLE "membership"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_54bff86da37ae4323af272cdce"`);
        await queryRunner.query(`DROP TABLE "person"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1bef54616d5daef211a5ac0a8e"`);
        await queryRunner.query(`DROP TABLE "organization"`);
        await queryRunner.query(`DROP TABLE "body"`);
    }

}
