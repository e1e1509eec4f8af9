import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { completePaper, createPaper, kreisOrganizations, sendEvent, type KreisOrganizations } from '../factories/paper.factory';
import { SmtpTestServer, type ReceivedMail } from '../setup/smtp-test-server';
import { createTestApp, tokenFor } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { isolatedDatabase } from '../setup/test-environment';

const MAIL = (local: string) => `${local}@kreis-recklinghausen.example`;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

interface ExtractView {
  id: string;
  title: string;
  agendaItemId: string;
  itemNumber: string;
  public: boolean;
  paperId: string;
  paperReference: string | null;
  paperSubject: string;
  responsibleUnit: string | null;
  mailbox: string | null;
  format: string;
  sha256: string;
  minutesSha256: string;
}

/**
 * Beschlussauszüge over HTTP and SMTP: when the Niederschrift is signed (§ 37 KrO NRW),
 * one stored extract per decided item with a paper, its hash matching its bytes and naming
 * the minutes' hash; sent to the mailbox of the paper's unit (a real SMTP server started
 * here), or the committee office told it was not; never changed by later edits of the live
 * tables; a non-public one never in the public minutes. A database of its own, so that no
 * other suite's relay delivers these mails; the clock in 2030.
 */
describe('Beschlussauszüge (e2e)', () => {
  let app: INestApplication;
  let db: DataSource;
  let drop: () => Promise<void>;
  let orgs: KreisOrganizations;
  const smtp = new SmtpTestServer();
  const t: Record<string, string> = {};
  const clock = new TestClock('2030-03-01T09:00:00+01:00');
  const START = '2030-03-20T17:00:00+01:00';

  beforeAll(async () => {
    const port = await smtp.start();
    const isolated = await isolatedDatabase('extracts');
    drop = isolated.drop;
    app = await createTestApp('postgres', { databaseUrl: isolated.databaseUrl, queuePrefix: isolated.queuePrefix, smtpUrl: `smtp://127.0.0.1:${port}` }, { clock });
    db = app.get(DataSource);
    for (const u of ['clerk', 'fbl', 'kd', 'landrat', 'sitzungsdienst', 'auditor', 'admin', 'cr-clerk']) t[u] = await tokenFor(app, u);
    orgs = await kreisOrganizations(app, t.clerk);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
    await drop?.();
  });

  const http = () => request(app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${t[user]}` });
  const office = () => as('sitzungsdienst');
  const userId = (u: string) => (JSON.parse(Buffer.from(t[u].split('.')[1], 'base64url').toString()) as { sub: string }).sub;

  async function releasedPaper(overrides: Record<string, unknown>) {
    const paper = await createPaper(app, t.clerk, completePaper(orgs, overrides));
    await sendEvent(app, t.clerk, paper.id, { type: 'SUBMIT' }).expect(200);
    for (const u of ['fbl', 'kd', 'landrat']) await sendEvent(app, t[u], paper.id, { type: 'SIGN' }).expect(200);
    return (await http().get(`/papers/${paper.id}`).set(as('clerk')).expect(200)).body as { id: string; reference: string; title: string };
  }

  /** Reads one stored extract as served, with its hash header, raw bytes. */
  async function getExtract(meetingId: string, extractId: string, user = 'auditor') {
    const res = await http()
      .get(`/meetings/${meetingId}/extracts/${extractId}`)
      .set(as(user))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return { bytes: res.body as Buffer, sha256: res.headers['x-content-sha256'] as string, contentType: res.headers['content-type'] as string };
  }

  it('§ 37 KrO NRW: unit mailboxes are the body’s data, set by its admin and audited', async () => {
    await http().put('/units').set(as('admin')).send({ unit: 'FB 10', email: 'kein Postfach' }).expect(400);
    await http().put('/units').set(as('admin')).send({ unit: '  ', email: MAIL('fb10') }).expect(400);
    await http().put('/units').set(as('clerk')).send({ unit: 'FB 10', email: MAIL('fb10') }).expect(403);
    expect((await http().put('/units').set(as('admin')).send({ unit: 'FB 10', email: MAIL('fb10') }).expect(200)).body).toEqual({
      unit: 'FB 10',
      email: MAIL('fb10'),
    });
    const units = (await http().get('/units').set(as('clerk')).expect(200)).body as { unit: string; email: string }[];
    expect(units).toEqual(expect.arrayContaining([{ unit: 'FB 10', email: MAIL('fb10') }]));
    // Another body sees its own units only.
    expect(((await http().get('/units').set(as('cr-clerk')).expect(200)).body as { unit: string }[]).map((u) => u.unit)).not.toContain('FB 10');
    const audit = await db.query(`SELECT type, actor_id, payload FROM audit_event WHERE subject_type = 'unit_mailbox' AND payload->>'unit' = 'FB 10'`);
    expect(audit).toEqual([{ type: 'SET_UNIT_MAILBOX', actor_id: userId('admin'), payload: { unit: 'FB 10', email: MAIL('fb10') } }]);
  });

  it('§ 37 KrO NRW: signing the minutes cuts one stored extract per decided item with a paper, mails it to the unit, tells the office when it cannot', async () => {
    const withMailbox = await releasedPaper({ title: 'Breitbandausbau Gewerbegebiete', responsibleUnit: 'FB 10' });
    const nonPublic = await releasedPaper({ title: 'Grundstücksankauf Marl-Brassert', public: false, responsibleUnit: 'FB 10' });
    const noMailbox = await releasedPaper({ title: 'Haushaltsbegleitbeschluss', responsibleUnit: 'Kämmerei' });
    const noUnit = await releasedPaper({ title: 'Antrag ohne Zuständigkeit', responsibleUnit: null });
    const postponed = await releasedPaper({ title: 'Radwegekonzept', responsibleUnit: 'FB 10' });

    const meeting = (await http().post('/meetings').set(office()).send({ organizationId: orgs.committee, start: START, location: 'Kreishaus Recklinghausen' }).expect(201)).body as { id: string };
    const add = async (body: Record<string, unknown>) => (await http().post(`/meetings/${meeting.id}/agenda-items`).set(office()).send(body).expect(201)).body;
    for (const p of [withMailbox, noMailbox, noUnit, postponed]) await add({ paperId: p.id });
    await add({ title: 'Mitteilungen der Verwaltung' });
    const agenda = (await add({ paperId: nonPublic.id })).agenda as { id: string; number: string; paperId: string | null; title: string }[];
    const itemOf = (paperId: string | null, title?: string) => agenda.find((i) => (title ? i.title === title : i.paperId === paperId))!;

    await http().post(`/meetings/${meeting.id}/events`).set(office()).send({ type: 'INVITE' }).expect(200);
    clock.set(START);
    await http().post(`/meetings/${meeting.id}/events`).set(office()).send({ type: 'OPEN' }).expect(200);
    const seats = (await http().get(`/organizations/${orgs.committee}/memberships`).query({ date: '2030-03-20' }).set(office()).expect(200)).body as {
      personId: string;
      role: string;
    }[];
    const members = seats.filter((s) => s.role === 'member');
    await http().put(`/meetings/${meeting.id}/attendance`).set(office()).send({ entries: members.map((m) => ({ personId: m.personId, present: true })) }).expect(200);
    const result = (itemId: string, body: Record<string, unknown>) =>
      http().post(`/meetings/${meeting.id}/agenda-items/${itemId}/result`).set(office()).send(body).expect(200);
    const decisionText = 'Der Ausschuss empfiehlt dem Kreistag, den Breitbandausbau der Gewerbegebiete zu beschließen.';
    await result(itemOf(withMailbox.id).id, {
      result: 'recommended',
      votes: { yes: 10, no: 2, abstain: 2 },
      text: decisionText,
      bias: [{ personId: members[0].personId, reason: 'Eigentümer eines Grundstücks im Gewerbegebiet' }],
    });
    await result(itemOf(nonPublic.id).id, { result: 'recommended', votes: { unanimous: true } });
    await result(itemOf(noMailbox.id).id, { result: 'recommended' });
    await result(itemOf(noUnit.id).id, { result: 'not_recommended', votes: { yes: 3, no: 9, abstain: 0 } });
    await result(itemOf(postponed.id).id, { result: 'postponed' });
    await result(itemOf(null, 'Mitteilungen der Verwaltung').id, { result: 'noted' });
    await http().post(`/meetings/${meeting.id}/events`).set(office()).send({ type: 'CLOSE' }).expect(200);

    // Nothing is cut before both signatures.
    await http()
      .post(`/meetings/${meeting.id}/events`)
      .set(office())
      .send({ type: 'DESIGNATE_SIGNATORIES', chairUserId: userId('landrat'), recorderUserId: userId('clerk') })
      .expect(200);
    await http().post(`/meetings/${meeting.id}/minutes/signatures`).set(as('clerk')).send({ as: 'recorder' }).expect(200);
    expect((await http().get(`/meetings/${meeting.id}/extracts`).set(as('auditor')).expect(200)).body).toEqual([]);
    clock.set('2030-03-25T10:00:00+01:00');
    await http().post(`/meetings/${meeting.id}/minutes/signatures`).set(as('landrat')).send({ as: 'chair' }).expect(200);

    const minutes = await http().get(`/meetings/${meeting.id}/minutes`).set(as('auditor')).expect(200);
    const minutesHash = minutes.headers['x-content-sha256'] as string;
    expect(minutesHash).toBe(sha256(minutes.text));

    // Exactly one per decided item with a paper: not the postponed one, not the item without a paper.
    const extracts = (await http().get(`/meetings/${meeting.id}/extracts`).set(as('clerk')).expect(200)).body as ExtractView[];
    const byPaper = new Map(extracts.map((e) => [e.paperId, e]));
    expect(extracts).toHaveLength(4);
    expect([...byPaper.keys()].sort()).toEqual([withMailbox.id, nonPublic.id, noMailbox.id, noUnit.id].sort());
    expect(byPaper.get(withMailbox.id)).toMatchObject({
      title: 'Beschlussauszug: TOP 1 – Ausschuss für Wirtschaftspolitik und Digitales am 20.03.2030',
      agendaItemId: itemOf(withMailbox.id).id,
      itemNumber: itemOf(withMailbox.id).number,
      public: true,
      paperReference: withMailbox.reference,
      paperSubject: 'Breitbandausbau Gewerbegebiete',
      responsibleUnit: 'FB 10',
      mailbox: MAIL('fb10'),
      format: 'html',
      minutesSha256: minutesHash,
    });
    expect(byPaper.get(nonPublic.id)).toMatchObject({ public: false, mailbox: MAIL('fb10') });
    expect(byPaper.get(noMailbox.id)).toMatchObject({ responsibleUnit: 'Kämmerei', mailbox: null });
    expect(byPaper.get(noUnit.id)).toMatchObject({ responsibleUnit: null, mailbox: null });

    // The document: its hash is its bytes' hash, and it says what the minutes say of the item.
    const first = byPaper.get(withMailbox.id)!;
    const doc = await getExtract(meeting.id, first.id);
    expect(doc.contentType).toBe('text/html; charset=utf-8');
    expect(doc.sha256).toBe(sha256(doc.bytes));
    expect(doc.sha256).toBe(first.sha256);
    const html = doc.bytes.toString('utf8');
    for (const expected of [
      'Kreis Recklinghausen',
      'Ausschuss für Wirtschaftspolitik und Digitales',
      'Sitzung Nr. AWD/2030/1 am Mittwoch, 20. März 2030',
      `TOP ${first.itemNumber} Breitbandausbau Gewerbegebiete`,
      'Öffentlicher Teil',
      `Vorlage ${withMailbox.reference}`,
      'Betreff: Breitbandausbau Gewerbegebiete',
      'Zuständige Organisationseinheit: FB 10',
      'Ergebnis: empfohlen',
      'Abstimmungsergebnis: Ja: 10, Nein: 2, Enthaltungen: 2',
      decisionText,
      'wegen Befangenheit nicht teilgenommen (Grund: Eigentümer eines Grundstücks im Gewerbegebiet)',
      'Vorsitz: landrat, unterzeichnet am Montag, 25. März 2030, 10:00 Uhr',
      'Schriftführung: clerk, unterzeichnet am',
      `SHA-256 der Niederschrift: ${minutesHash}`,
    ]) {
      expect([expected, html.includes(expected)]).toEqual([expected, true]);
    }
    const internal = await getExtract(meeting.id, byPaper.get(nonPublic.id)!.id);
    expect(internal.bytes.toString('utf8')).toContain('Nichtöffentlich – nur für den Dienstgebrauch');
    expect(internal.bytes.toString('utf8')).toContain('Abstimmungsergebnis: einstimmig');

    // Mail: to the unit's mailbox with the stored extract attached; to the office for the two without one.
    const isExtractMail = (m: ReceivedMail) => m.subject.includes('Beschlussauszug: TOP');
    await smtp.waitFor((mails) => mails.filter(isExtractMail).length >= 4, 30_000);
    const toUnit = smtp.to(MAIL('fb10')).filter(isExtractMail);
    expect(toUnit.map((m) => m.subject).sort()).toEqual([first.title, byPaper.get(nonPublic.id)!.title].sort());
    const mail = toUnit.find((m) => m.subject === first.title)!;
    expect(mail.text).toContain('für die Organisationseinheit „FB 10“ zur weiteren Veranlassung');
    expect(mail.text).toContain(`SHA-256 des Auszugs: ${first.sha256}`);
    expect(mail.parsed.attachments).toHaveLength(1);
    expect(mail.parsed.attachments[0].filename).toBe(`beschlussauszug-top-${first.itemNumber}.html`);
    expect(sha256(mail.parsed.attachments[0].content)).toBe(first.sha256);
    const toOffice = smtp.to(MAIL('sitzungsdienst')).filter(isExtractMail);
    expect(toOffice.map((m) => m.subject).sort()).toEqual([`Nicht versandt: ${byPaper.get(noMailbox.id)!.title}`, `Nicht versandt: ${byPaper.get(noUnit.id)!.title}`].sort());
    expect(toOffice.find((m) => m.subject.endsWith(byPaper.get(noMailbox.id)!.title))!.text).toContain(
      'für die Organisationseinheit „Kämmerei“ ist kein Postfach hinterlegt',
    );
    expect(toOffice.find((m) => m.subject.endsWith(byPaper.get(noUnit.id)!.title))!.text).toContain('die Vorlage nennt keine zuständige Organisationseinheit');
    expect(sha256(toOffice[0].parsed.attachments[0].content)).toMatch(/^[0-9a-f]{64}$/);
    // Nobody else got an extract (the committee office only the two it must forward).
    expect(smtp.received.filter(isExtractMail).map((m) => m.to).sort()).toEqual([MAIL('fb10'), MAIL('fb10'), MAIL('sitzungsdienst'), MAIL('sitzungsdienst')]);

    // Later edits of the live tables do not reach a stored extract; the table refuses changes.
    await db.query(`UPDATE paper SET title = 'Umbenannt', responsible_unit = 'FB 99' WHERE id = $1`, [withMailbox.id]);
    await db.query(`UPDATE agenda_item SET decision_text = 'Anders beschlossen' WHERE id = $1`, [first.agendaItemId]);
    const again = await getExtract(meeting.id, first.id);
    expect(again.bytes.equals(doc.bytes)).toBe(true);
    expect(again.sha256).toBe(doc.sha256);
    expect(again.bytes.toString('utf8')).not.toContain('Umbenannt');
    expect((await http().get(`/meetings/${meeting.id}/extracts`).set(as('clerk')).expect(200)).body).toEqual(extracts);
    await expect(db.query(`UPDATE decision_extract SET content = 'x'::bytea WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM decision_extract WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE meeting_minutes SET html = 'x' WHERE meeting_id = $1`, [meeting.id])).rejects.toThrow(/append-only/);

    // A non-public extract is internal: nothing of it in the public minutes or the public agenda.
    for (const path of [`/meetings/${meeting.id}/minutes`, `/meetings/${meeting.id}/agenda`]) {
      const published = (await http().get(path).query({ part: 'public' }).set(as('auditor')).expect(200)).text;
      expect(published).not.toContain('Grundstücksankauf');
      expect(published).not.toContain('Beschlussauszug');
      expect(published).not.toContain(byPaper.get(nonPublic.id)!.sha256);
    }

    // Body-scoped: another body's user gets 404 for the list and the document; an unknown id is 404.
    await http().get(`/meetings/${meeting.id}/extracts`).set(as('cr-clerk')).expect(404);
    await http().get(`/meetings/${meeting.id}/extracts/${first.id}`).set(as('cr-clerk')).expect(404);
    await http().get(`/meetings/${meeting.id}/extracts/00000000-0000-4000-8000-000000000000`).set(as('auditor')).expect(404);
    await http().get(`/meetings/${meeting.id}/extracts/not-a-uuid`).set(as('auditor')).expect(400);
  }, 120_000);
});
