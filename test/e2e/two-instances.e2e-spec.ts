import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { completePaper, createPaper, kreisOrganizations, sendEvent } from '../factories/paper.factory';
import { createTestApp, tokenFor } from '../setup/test-app';

/**
 * Two instances of the service on one database, as behind a load balancer. Each keeps
 * what it wrote last; the version swap must make the other's changes win over a
 * stale copy.
 */
describe('two instances on one database (e2e)', () => {
  let a: INestApplication;
  let b: INestApplication;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('submits what the other instance last edited, not the draft this instance remembers', async () => {
    const clerkA = await tokenFor(a, 'clerk');
    const clerkB = await tokenFor(b, 'clerk');
    const orgs = await kreisOrganizations(a, clerkA);
    const paper = await createPaper(a, clerkA, completePaper(orgs, { facts: 'Sachverhalt aus A.' }));

    await request(b.getHttpServer())
      .patch(`/papers/${paper.id}`)
      .set('Authorization', `Bearer ${clerkB}`)
      .send({ facts: 'Sachverhalt, in B ergänzt.' })
      .expect(200);

    const submitted = await sendEvent(a, clerkA, paper.id, { type: 'SUBMIT' }).expect(200);
    expect(submitted.body).toMatchObject({ state: 'signOff', version: 3 });
    const history = (await request(a.getHttpServer()).get(`/papers/${paper.id}/history`).set('Authorization', `Bearer ${clerkA}`)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['CREATE', 'EDIT', 'SUBMIT']);
    expect(history[2].payload.paper.facts).toBe('Sachverhalt, in B ergänzt.');
  });

  it('lets each instance continue a paper the other moved on', async () => {
    const clerk = await tokenFor(a, 'clerk');
    const orgs = await kreisOrganizations(a, clerk);
    const paper = await createPaper(a, clerk, completePaper(orgs));
    await sendEvent(a, clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    await sendEvent(b, await tokenFor(b, 'fbl'), paper.id, { type: 'SIGN' }).expect(200);
    // A still remembers the paper before B's signature: its next event must see it.
    const kd = await sendEvent(a, await tokenFor(a, 'kd'), paper.id, { type: 'SIGN' }).expect(200);
    expect(kd.body.paper.signOff.signatures.map((s: { role: string }) => s.role)).toEqual(['department_head', 'district_director']);
    const again = await sendEvent(a, await tokenFor(a, 'fbl'), paper.id, { type: 'SIGN' }).expect(409);
    expect(again.body.allowed).toEqual([]);
  });
});
