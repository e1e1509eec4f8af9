import { MigrationInterface, QueryRunner } from "typeorm";

export class OperatorRole1796166000000 implements MigrationInterface {
    name = 'OperatorRole1796166000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "CHK_ce30af0ba16c09e8c9714a16ba"`);
        await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "CHK_b6ff2136faac8dc605738ae3d9" CHECK ("role" IN ('clerk', 'department_head', 'district_director', 'district_administrator', 'committee_office', 'auditor', 'admin', 'operator'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "role_assignment" DROP CONSTRAINT "CHK_b6ff2136faac8dc605738ae3d9"`);
        await queryRunner.query(`ALTER TABLE "role_assignment" ADD CONSTRAINT "CHK_ce30af0ba16c09e8c9714a16ba" CHECK ("role" IN ('clerk', 'department_head', 'district_director', 'district_administrator', 'committee_office', 'auditor', 'admin'))`);
    }
}
