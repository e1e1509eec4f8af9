import { MigrationInterface, QueryRunner } from "typeorm";

export class Meetings1795685974575 implements MigrationInterface {
    name = 'Meetings1795685974575'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "start" TIMESTAMP WITH TIME ZONE NOT NULL, "end" TIMESTAMP WITH TIME ZONE, "location" text, "cancelled" boolean NOT NULL DEFAULT false, "invited_agenda" jsonb, "state" text NOT NULL, "snapshot" jsonb NOT NULL, "machine_version" integer NOT NULL, "version" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dc0fae7e6140e531ec3310b0da" ON "meeting"  ("body_id", "organization_id", "start") `);
        await queryRunner.query(`CREATE TABLE "agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "body_id" uuid NOT NULL, "position" integer NOT NULL, "number" text NOT NULL, "title" text NOT NULL, "public" boolean NOT NULL DEFAULT true, "paper_id" uuid, "consultation_key" text, "reporter" text, "minutes_of_meeting_id" uuid, "late_addition" boolean NOT NULL DEFAULT false, "urgent_reason" text, "status" text NOT NULL DEFAULT 'open', "result" text, "votes" jsonb, "decision_text" text, "biased_person_ids" uuid array NOT NULL DEFAULT '{}', "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_5af5a5d48d17b9f317542c7d42" CHECK ("status" IN ('open', 'decided', 'postponed', 'removed')), CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_21ddce19efcba5cb0020d2f30d" ON "agenda_item"  ("paper_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bcc082f705a994c70d8255e52d" ON "agenda_item"  ("meeting_id", "number") `);
        await queryRunner.query(`CREATE TABLE "attendance" ("meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "present" boolean NOT NULL, "substitute_for_person_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7b22d01d5145d9d673fee47270a" PRIMARY KEY ("meeting_id", "person_id"))`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "invitation_period_kind" text NOT NULL DEFAULT 'full'`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "urgent_invitation_period_days" integer NOT NULL DEFAULT '3'`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "late_addition_days" integer NOT NULL DEFAULT '3'`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "quorum_numerator" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "quorum_denominator" integer NOT NULL DEFAULT '2'`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_cda7f308548a21df429ab83f88" CHECK ("quorum_numerator" > 0 AND "quorum_denominator" > 0 AND "quorum_numerator" < "quorum_denominator")`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_d1a867abb9936dc8b7aa723b70" CHECK ("late_addition_days" BETWEEN 0 AND 60)`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_72ad805671e4b92bef46be49d9" CHECK ("urgent_invitation_period_days" BETWEEN 0 AND 60)`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_fbb032ffb010433fc30d81b309" CHECK ("invitation_period_kind" IN ('calendar', 'working', 'full'))`);
        await queryRunner.query(`ALTER TABLE "meeting" ADD CONSTRAINT "FK_92ad2e68611c2f19bbaa5556206" FOREIGN KEY ("body_id") REFERENCES "body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "meeting" ADD CONSTRAINT "FK_dd2263a8e007e39ce0f35da1af9" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_21ddce19efcba5cb0020d2f30d8" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "FK_fedd75244556b90cd6a92b7c149" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_86687a3aa35d66a5613e23ddd65"`);
        await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_fedd75244556b90cd6a92b7c149"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_21ddce19efcba5cb0020d2f30d8"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"`);
        await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_dd2263a8e007e39ce0f35da1af9"`);
        await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_92ad2e68611c2f19bbaa5556206"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_fbb032ffb010433fc30d81b309"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_72ad805671e4b92bef46be49d9"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_d1a867abb9936dc8b7aa723b70"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_cda7f308548a21df429ab83f88"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "quorum_denominator"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "quorum_numerator"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "late_addition_days"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "urgent_invitation_period_days"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "invitation_period_kind"`);
        await queryRunner.query(`DROP TABLE "attendance"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bcc082f705a994c70d8255e52d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_21ddce19efcba5cb0020d2f30d"`);
        await queryRunner.query(`DROP TABLE "agenda_item"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dc0fae7e6140e531ec3310b0da"`);
        await queryRunner.query(`DROP TABLE "meeting"`);
    }

}
