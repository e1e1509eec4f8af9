import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Council procedure (issue 13): the statutory number of members an organization's quorum
 * and statutory majorities count against; per agenda item the majority its decision needs,
 * whether it is a second summons after a lack of quorum (quorate whatever the attendance)
 * or was put back for one, and each Befangenheit with its reason.
 */
export class VotesQuorumBias1796169264057 implements MigrationInterface {
    name = 'VotesQuorumBias1796169264057'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organization" ADD "statutory_members" integer`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_1a6d603d885114ac9b37ab8b2e" CHECK ("statutory_members" > 0)`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD "majority" text NOT NULL DEFAULT 'simple'`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD "second_summons" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD "postponed_for_lack_of_quorum" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD "bias" jsonb NOT NULL DEFAULT '[]'`);
        // Befangenheit recorded before reasons existed: the persons, without a reason.
        await queryRunner.query(`UPDATE "agenda_item" SET "bias" = (SELECT coalesce(jsonb_agg(jsonb_build_object('personId', p, 'reason', NULL)), '[]'::jsonb) FROM unnest("biased_person_ids") AS p) WHERE cardinality("biased_person_ids") > 0`);
        await queryRunner.query(`ALTER TABLE "agenda_item" ADD CONSTRAINT "CHK_53c60b112b1b311dc31ff1b81d" CHECK ("majority" IN ('simple', 'two_thirds_cast', 'majority_of_statutory', 'two_thirds_of_statutory', 'unanimous'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "CHK_53c60b112b1b311dc31ff1b81d"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "bias"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "postponed_for_lack_of_quorum"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "second_summons"`);
        await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "majority"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_1a6d603d885114ac9b37ab8b2e"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "statutory_members"`);
    }

}
