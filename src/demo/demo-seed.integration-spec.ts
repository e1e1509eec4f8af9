import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { testConfig } from '../../test/setup/test-config';
import { ClockModule } from '../infrastructure/clock/clock.module';
import { ConfigModule } from '../infrastructure/config/config.module';
import { dataSourceOptions } from '../infrastructure/database/data-source-options';
import { BodiesModule } from '../modules/bodies/bodies.module';
import { DemoModule } from './demo.module';
import { DemoSeedService } from './demo-seed.service';
import { DEMO_BODIES, DEMO_USERS } from './demo-data';
import { VORLAGE_2021_119 } from './vorlage-2021-119';

describe('DemoSeedService (integration)', () => {
  it('creates the demo once, however often and however concurrently it runs', async () => {
    const config = { ...testConfig(), seedDemo: false };
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), entities: undefined, autoLoadEntities: true }),
        BodiesModule,
        DemoModule,
      ],
    }).compile();
    await moduleRef.init();
    try {
      const seeder = moduleRef.get(DemoSeedService);
      const dataSource = moduleRef.get<DataSource>(getDataSourceToken());
      await Promise.all([seeder.seed(), seeder.seed(), seeder.seed()]);
      const again = await seeder.seed();
      expect(again).toEqual({ bodies: 0, organizations: 0, persons: 0, memberships: 0, users: 0, papers: 0 });

      const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);
      const names = DEMO_BODIES.map((b) => `'${b.name}'`).join(',');
      expect(await count(`SELECT count(*) AS n FROM body WHERE name IN (${names})`)).toBe(2);
      expect(
        await count(`SELECT count(*) AS n FROM organization o JOIN body b ON b.id = o.body_id WHERE b.name IN (${names}) AND o.kind NOT IN ('fraction', 'group')`),
      ).toBe(4);
      // § 40 KrO NRW: the Kreistag's Fraktionen and its Gruppe belong to it
      expect(
        await count(
          `SELECT count(*) AS n FROM organization o JOIN organization k ON k.id = o.parent_organization_id
           WHERE o.name IN ('Kreistagsfraktion A', 'Kreistagsfraktion B', 'Kreistagsfraktion C', 'Kreistagsgruppe D') AND k.name = 'Kreistag'`,
        ),
      ).toBe(4);
      const usernames = DEMO_USERS.map((u) => `'${u.username}'`).join(',');
      expect(await count(`SELECT count(*) AS n FROM user_account WHERE username IN (${usernames})`)).toBe(9);
      const cr = await dataSource.query(
        `SELECT b.name FROM role_assignment ra JOIN user_account u ON u.id = ra.user_id JOIN body b ON b.id = ra.body_id WHERE u.username = 'cr-clerk'`,
      );
      expect(cr).toEqual([{ name: 'Stadt Castrop-Rauxel' }]);
      expect(
        await count(`SELECT count(*) AS n FROM paper WHERE title = 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen'`),
      ).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM consultation c JOIN paper p ON p.id = c.paper_id WHERE p.title LIKE 'Digitalisierung%'`)).toBe(3);
      // The unit 2021/119 names has a mailbox, so its Beschlussauszüge are sent (seeded once).
      const mailboxes = await dataSource.query(
        `SELECT um.unit, um.email FROM unit_mailbox um JOIN body b ON b.id = um.body_id WHERE b.name = 'Kreis Recklinghausen'`,
      );
      expect(mailboxes).toEqual([{ unit: VORLAGE_2021_119.responsibleUnit, email: 'digitalisierung@kreis-recklinghausen.example' }]);
      const counter = await dataSource.query(
        `SELECT last_number FROM reference_counter rc JOIN body b ON b.id = rc.body_id WHERE b.name = 'Kreis Recklinghausen' AND year = 2021`,
      );
      // 118 as seeded, or more once another test released 2021/119: never reset by a later seed.
      expect(counter).toHaveLength(1);
      expect(counter[0].last_number).toBeGreaterThanOrEqual(118);
    } finally {
      await moduleRef.close();
    }
  });
});
