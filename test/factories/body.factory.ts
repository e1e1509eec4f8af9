import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Body } from '../../src/modules/bodies/body.entity';
import { Organization } from '../../src/modules/bodies/organization.entity';
import { UsersService } from '../../src/modules/identity/users.service';
import type { Role } from '../../src/modules/identity/role';
import { tokenFor } from '../setup/test-app';
import type { KreisOrganizations } from './paper.factory';

const KREIS_ROLES: Record<string, Role[]> = {
  clerk: ['clerk'],
  fbl: ['department_head'],
  kd: ['district_director'],
  landrat: ['district_administrator'],
  office: ['committee_office'],
  auditor: ['auditor'],
  admin: ['admin'],
};

export interface TestBody {
  id: string;
  orgs: KreisOrganizations;
  /** Bearer tokens by the short names of KREIS_ROLES (clerk, fbl, kd, landrat, office, auditor, admin). */
  tokens: Record<string, string>;
}

/**
 * A body of its own for one test file, with a committee, a Kreisausschuss and a Kreistag
 * and one user per role: a test that changes the body's configuration (sign-off rules)
 * cannot disturb the demo Kreis that other files share.
 */
export async function createTestBody(app: INestApplication): Promise<TestBody> {
  const db = app.get<DataSource>(getDataSourceToken());
  const tag = randomUUID().slice(0, 8);
  const body = await db.getRepository(Body).save({ name: `Testkreis ${tag}`, shortName: `TK ${tag}` });
  const org = (kind: Organization['kind'], name: string) =>
    db.getRepository(Organization).save({ bodyId: body.id, kind, name, shortName: name });
  const orgs: KreisOrganizations = {
    committee: (await org('committee', 'Fachausschuss')).id,
    districtCommittee: (await org('district_committee', 'Kreisausschuss')).id,
    districtCouncil: (await org('district_council', 'Kreistag')).id,
  };
  const users = app.get(UsersService);
  const tokens: Record<string, string> = {};
  for (const [name, roles] of Object.entries(KREIS_ROLES)) {
    const username = `${name}-${tag}`;
    await users.ensureUser({ username, password: username, displayName: username, bodyId: body.id, roles });
    tokens[name] = await tokenFor(app, username);
  }
  return { id: body.id, orgs, tokens };
}
