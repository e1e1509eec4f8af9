import { MigrationInterface, QueryRunner } from "typeorm";

export class RevokedTokens1796166823061 implements MigrationInterface {
    name = 'RevokedTokens1796166823061'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "revoked_token" ("jti" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_51805a32c382d2841b953c16880" PRIMARY KEY ("jti"))`);
        await queryRunner.query(`CREATE INDEX "IDX_afb8212a969b09b6fcacf51aa5" ON "revoked_token"  ("user_id", "expires_at") `);
        await queryRunner.query(`ALTER TABLE "revoked_token" ADD CONSTRAINT "FK_285b9c052733533045c7537f02a" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "revoked_token" DROP CONSTRAINT "FK_285b9c052733533045c7537f02a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_afb8212a969b09b6fcacf51aa5"`);
        await queryRunner.query(`DROP TABLE "revoked_token"`);
    }

}
