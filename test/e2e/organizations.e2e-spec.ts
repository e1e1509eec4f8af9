import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp, tokenFor } from '../setup/test-app';

describe('organizations and bodies (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    app = await createTestApp();
    http = request(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('lists the three organizations of the Kreis and the Kreistag’s Fraktionen and Gruppe to its clerk', async () => {
    const all = await http.get('/organizations').set('Authorization', `Bearer ${await tokenFor(app, 'clerk')}`).expect(200);
    expect(all.body.map((o: { name: string; kind: string; organizationType: string }) => [o.name, o.kind, o.organizationType])).toEqual([
      ['Ausschuss für Wirtschaftspolitik und Digitales', 'committee', 'Gremium'],
      ['Kreisausschuss', 'district_committee', 'Gremium'],
      ['Kreistag', 'district_council', 'Gremium'],
      ['Kreistagsfraktion A', 'fraction', 'Fraktion'],
      ['Kreistagsfraktion B', 'fraction', 'Fraktion'],
      ['Kreistagsfraktion C', 'fraction', 'Fraktion'],
      ['Kreistagsgruppe D', 'group', 'Gruppe'],
    ]);
    const kreistag = all.body.find((o: { kind: string }) => o.kind === 'district_council');
    expect(kreistag.motionDeadlineDays).toBe(14);
    for (const group of all.body.filter((o: { kind: string }) => o.kind === 'fraction' || o.kind === 'group')) {
      expect(group.parentOrganizationId).toBe(kreistag.id);
    }
    const res = { body: all.body.filter((o: { kind: string }) => o.kind !== 'fraction' && o.kind !== 'group') };
    for (const o of res.body) {
      expect(Object.keys(o).sort()).toEqual([
        'id',
        'invitationPeriodDays',
        'invitationPeriodKind',
        'kind',
        'lateAdditionDays',
        'motionDeadlineDays',
        'name',
        'objectionWindowDays',
        'organizationType',
        'parentOrganizationId',
        'quorum',
        'shortName',
        'statutoryMembers',
        'urgentInvitationPeriodDays',
      ]);
      expect(o).toMatchObject({ invitationPeriodKind: 'full', urgentInvitationPeriodDays: 3, lateAdditionDays: 3, quorum: { numerator: 1, denominator: 2 } });
      expect(o.invitationPeriodDays).toBe(7);
    }
    // the statutory number of members, the Landrat's seat included in the Kreisausschuss and the Kreistag (demo sizes)
    expect(res.body.map((o: { statutoryMembers: number | null }) => o.statutoryMembers)).toEqual([15, 18, 28]);
    // § 39 Abs. 1 KrO NRW: the Landrat may object to a decision of the Kreistag until the third day after it
    expect(res.body.map((o: { objectionWindowDays: number | null }) => o.objectionWindowDays)).toEqual([null, null, 3]);
  });

  it("keeps bodies apart: the city's clerk sees only its council, and not the Kreis's by id", async () => {
    const kreis = await http.get('/organizations').set('Authorization', `Bearer ${await tokenFor(app, 'clerk')}`);
    const crToken = await tokenFor(app, 'cr-clerk');
    const res = await http.get('/organizations').set('Authorization', `Bearer ${crToken}`).expect(200);
    expect(res.body.map((o: { name: string }) => o.name)).toEqual(['Rat der Stadt Castrop-Rauxel']);
    expect(res.body[0].kind).toBe('city_council');
    const foreign = await http.get(`/organizations/${kreis.body[0].id}`).set('Authorization', `Bearer ${crToken}`).expect(404);
    expect(foreign.body.code).toBe('COMMON.NOT_FOUND');
    await http.get(`/organizations/${res.body[0].id}`).set('Authorization', `Bearer ${crToken}`).expect(200);
  });

  it('answers a malformed id with 400', async () => {
    const res = await http.get('/organizations/not-a-uuid').set('Authorization', `Bearer ${await tokenFor(app, 'clerk')}`).expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await http.get('/nowhere').set('Authorization', `Bearer ${await tokenFor(app, 'clerk')}`).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
