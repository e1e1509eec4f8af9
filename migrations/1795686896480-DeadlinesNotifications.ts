import { MigrationInterface, QueryRunner } from "typeorm";

export class DeadlinesNotifications1795686896480 implements MigrationInterface {
    name = 'DeadlinesNotifications1795686896480'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "deadline" ("id" uuid NOT NULL, "body_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "kind" text NOT NULL, "group" text NOT NULL, "caused_by_seq" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "payload" jsonb NOT NULL DEFAULT '{}', "fired_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ccec5668abc0cab39fdd07b6b0" CHECK ("status" IN ('pending', 'fired', 'cancelled')), CONSTRAINT "PK_9b68db28fc035ed8a84691bfbaf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_1204623ef4304afa6646618858" ON "deadline"  ("subject_type", "subject_id", "group") `);
        await queryRunner.query(`CREATE INDEX "IDX_deadline_pending_due" ON "deadline"  ("due_at") WHERE "status" = 'pending'`);
        await queryRunner.query(`CREATE INDEX "IDX_outbox_message_cancellations" ON "outbox_message"  ("subject_id") WHERE "kind" = 'cancelDeadline'`);
        await queryRunner.query(`CREATE TABLE "local_mail" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" text NOT NULL, "to" text NOT NULL, "subject" text NOT NULL, "raw" text NOT NULL, "file" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d29a6e2e7c537eaaabfba6b7498" UNIQUE ("message_id"), CONSTRAINT "PK_7e4be097d02cb9e0e2ee9869124" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "body_id" uuid NOT NULL, "outbox_id" uuid NOT NULL, "recipient_key" text NOT NULL, "recipient_name" text NOT NULL, "recipient_email" text, "kind" text NOT NULL, "subject" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_2ea030740746c2c31a9ce0ec81" CHECK ("status" IN ('pending', 'sent', 'failed', 'skipped')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_793447bce7809e46884d409c4d" ON "notification"  ("body_id", "status", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8effb46cdd2caea073ac2f18ec" ON "notification"  ("outbox_id", "recipient_key") `);
        await queryRunner.query(`ALTER TABLE "person" ADD "email" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "email"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8effb46cdd2caea073ac2f18ec"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_793447bce7809e46884d409c4d"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP TABLE "local_mail"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_outbox_message_cancellations"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_deadline_pending_due"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1204623ef4304afa6646618858"`);
        await queryRunner.query(`DROP TABLE "deadline"`);
    }

}
