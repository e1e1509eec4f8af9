import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface KreisOrganizations {
  committee: string;
  districtCommittee: string;
  districtCouncil: string;
}

/** The Kreis's organizations by kind, as the caller sees them. */
export async function kreisOrganizations(app: INestApplication, token: string): Promise<KreisOrganizations> {
  const res = await request(app.getHttpServer()).get('/organizations').set('Authorization', `Bearer ${token}`).expect(200);
  const byKind = (kind: string) => (res.body as { id: string; kind: string }[]).find((o) => o.kind === kind)!.id;
  return {
    committee: byKind('committee'),
    districtCommittee: byKind('district_committee'),
    districtCouncil: byKind('district_council'),
  };
}

/** A complete Beschlussvorlage through committee → Kreisausschuss → Kreistag; fields may be overridden. */
export function completePaper(orgs: KreisOrganizations, overrides: Record<string, unknown> = {}) {
  return {
    title: `Testvorlage ${Math.random().toString(36).slice(2, 8)}`,
    paperType: 'Beschlussvorlage',
    public: true,
    decisionProposal: 'Der Kreistag beschließt die Maßnahme.',
    facts: 'Sachverhalt der Testvorlage.',
    goals: ['Ziel 1'],
    measures: ['Maßnahme 1'],
    costs: 'keine',
    climateImpact: { effect: 'none' },
    responsibleUnit: 'FB 10',
    consultations: [
      { organizationId: orgs.committee, role: 'preliminary', plannedDate: '2026-12-01' },
      { organizationId: orgs.districtCommittee, role: 'preliminary', plannedDate: '2026-12-08' },
      { organizationId: orgs.districtCouncil, role: 'decisive', plannedDate: '2026-12-15' },
    ],
    ...overrides,
  };
}

/** Creates a paper as the given clerk and returns its body. */
export async function createPaper(app: INestApplication, token: string, body: Record<string, unknown>) {
  const res = await request(app.getHttpServer()).post('/papers').set('Authorization', `Bearer ${token}`).send(body);
  if (res.status !== 201) throw new Error(`create paper: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; state: string };
}

/** Sends one paper event and returns the response (status not checked). */
export function sendEvent(app: INestApplication, token: string, paperId: string, event: Record<string, unknown>) {
  return request(app.getHttpServer()).post(`/papers/${paperId}/events`).set('Authorization', `Bearer ${token}`).send(event);
}
