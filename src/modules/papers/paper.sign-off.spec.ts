import { transition } from 'xstate';
import { allowedEventTypes, paperMachine, toStateKey, type PaperSnapshot } from './paper.machine';
import type { PaperActor, PaperEvent, SignerProfile } from './paper.types';
import { ACTORS, AT, events } from '../../../test/fixtures/paper.fixtures';
import { drive, start } from '../../../test/fixtures/paper.drive';

const { fbl, kd, landrat, clerk } = ACTORS;
const kaemmerer: PaperActor = { id: 'user-kaemmerer', roles: ['department_head'] };
const justiziar: PaperActor = { id: 'user-rechtsamt', roles: ['department_head'] };

const profile = (name: string, fn: string, extra: Partial<SignerProfile> = {}): SignerProfile => ({
  name,
  function: fn,
  coSignUnits: [],
  deputyFor: [],
  ...extra,
});
const KAEMMEREI = profile('Schmidt', 'Kämmerer', { coSignUnits: ['Kämmerei'] });
const RECHTSAMT = profile('Weber', 'Leiterin Rechtsamt', { coSignUnits: ['Rechtsamt'] });
const BUTZ = profile('Butz', 'Kreisdirektor', { deputyFor: ['district_administrator'] });

function sign(by: PaperActor, signer?: SignerProfile, unit?: string, at: string = AT.any): PaperEvent {
  return { ...events.sign(by, at), ...(signer && { signer }), ...(unit !== undefined && { unit }) };
}

function refused(snapshot: PaperSnapshot, event: PaperEvent): void {
  expect(snapshot.can(event)).toBe(false);
  expect(transition(paperMachine, snapshot, event)[0]).toBe(snapshot);
}

const withCoSigners = () =>
  drive(start({ paperType: 'Beschlussvorlage', coSignUnits: ['Kämmerei', 'Rechtsamt'] }), events.submit()).snapshot;

describe('sign-off: Mitzeichnung in parallel, signer, i.V.', () => {
  it('Mitzeichnung in parallel: co-signers sign in any order beside the line, the Schlusszeichnung waits for all of them', () => {
    let s = drive(withCoSigners(), sign(justiziar, RECHTSAMT, 'Rechtsamt'), sign(fbl), sign(kd)).snapshot;
    expect(toStateKey(s.value)).toBe('signOff');
    // Kämmerei has not co-signed: the Landrat cannot release.
    refused(s, sign(landrat));
    s = drive(s, sign(kaemmerer, KAEMMEREI, 'Kämmerei', '2021-08-04T12:00:00.000Z')).snapshot;
    const { snapshot, effects } = drive(s, sign(landrat));
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(effects.filter((e) => e.type === 'assignReference')).toHaveLength(1);
    expect(snapshot.context.coSignatures).toEqual([
      { unit: 'Rechtsamt', actorId: justiziar.id, at: AT.any, name: 'Weber', function: 'Leiterin Rechtsamt' },
      { unit: 'Kämmerei', actorId: kaemmerer.id, at: '2021-08-04T12:00:00.000Z', name: 'Schmidt', function: 'Kämmerer' },
    ]);
  });

  it('a co-signature changes nothing on the line and sends no notice', () => {
    const before = withCoSigners();
    const [after, actions] = transition(paperMachine, before, sign(kaemmerer, KAEMMEREI, 'Kämmerei'));
    expect(after.context.signatures).toEqual([]);
    expect(actions.filter((a) => ['notify', 'scheduleDeadline', 'cancelDeadline'].includes(a.type))).toEqual([]);
  });

  it('Mitzeichnung: only the unit’s own signer, only a unit of the paper, only once', () => {
    const s = withCoSigners();
    refused(s, sign(justiziar, RECHTSAMT, 'Kämmerei'));
    refused(s, sign(kaemmerer, KAEMMEREI, 'Klimaschutz'));
    refused(s, sign(kaemmerer, undefined, 'Kämmerei'));
    const once = drive(s, sign(kaemmerer, KAEMMEREI, 'Kämmerei')).snapshot;
    refused(once, sign(kaemmerer, KAEMMEREI, 'Kämmerei'));
  });

  it('events/allowed offers SIGN to a co-signer whose unit is open, not after it signed', () => {
    const s = withCoSigners();
    const clerkLike: PaperActor = { id: 'user-klima', roles: ['clerk'] };
    const klima = profile('Klein', 'Klimaschutzmanagerin', { coSignUnits: ['Kämmerei'] });
    expect(allowedEventTypes(s, clerkLike, klima)).toContain('SIGN');
    const signed = drive(s, sign(clerkLike, klima, 'Kämmerei')).snapshot;
    expect(allowedEventTypes(signed, clerkLike, klima)).not.toContain('SIGN');
  });

  it('each signature stores the signer’s id, name, function and time', () => {
    const s = drive(start(), events.submit(), sign(fbl, profile('Haumann', 'Fachbereichsleiter'), undefined, AT.signedFbl), sign(kd, undefined, undefined, AT.signedKd)).snapshot;
    expect(s.context.signatures).toEqual([
      { role: 'department_head', actorId: fbl.id, at: AT.signedFbl, name: 'Haumann', function: 'Fachbereichsleiter' },
      // Without a profile the function is the step's own.
      { role: 'district_director', actorId: kd.id, at: AT.signedKd, function: 'Kreisdirektor' },
    ]);
  });

  it('i.V. (§ 47 KrO NRW, allgemeiner Vertreter): a deputy of the absent Landrat signs the Schlusszeichnung, and the signature says so', () => {
    const deputy: PaperActor = { id: 'user-butz-2', roles: ['district_director'] };
    const s = drive(start(), events.submit(), sign(fbl), sign(kd)).snapshot;
    refused(s, sign(deputy)); // no deputy right without the profile
    const { snapshot } = drive(s, sign(deputy, BUTZ, undefined, AT.signedLandrat));
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(snapshot.context.signatures.at(-1)).toEqual({
      role: 'district_administrator',
      actorId: deputy.id,
      at: AT.signedLandrat,
      name: 'Butz',
      function: 'Kreisdirektor',
      deputy: true,
    });
    expect(allowedEventTypes(s, deputy, BUTZ)).toContain('SIGN');
    expect(allowedEventTypes(s, deputy)).not.toContain('SIGN');
  });

  it('i.V. by the Kreisdirektor who signed his own step before: two signatures, the second i.V.', () => {
    const { snapshot } = drive(start(), events.submit(), sign(fbl), sign(kd, BUTZ), sign(kd, BUTZ));
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(snapshot.context.signatures.slice(1).map((s) => [s.role, s.name, s.deputy])).toEqual([
      ['district_director', 'Butz', undefined],
      ['district_administrator', 'Butz', true],
    ]);
  });

  it('i.V. only for the role the deputy stands in for, and not by whoever holds the role anyway', () => {
    const s = drive(start(), events.submit()).snapshot;
    refused(s, sign(clerk, BUTZ)); // next is the department head's step; Butz deputises the Landrat only
    const own = drive(s, sign(fbl), sign(kd, BUTZ)).snapshot;
    expect(own.context.signatures[1].deputy).toBeUndefined();
  });

  it('a rejection clears the co-signatures: the revised paper is co-signed again', () => {
    const s = drive(withCoSigners(), sign(kaemmerer, KAEMMEREI, 'Kämmerei'), events.rejectSignOff(fbl)).snapshot;
    expect(toStateKey(s.value)).toBe('draft');
    expect(s.context.coSignatures).toEqual([]);
  });

  it('a snapshot persisted before co-signing existed (no coSignUnits) still signs through to release', () => {
    const live = drive(start(), events.submit(), sign(fbl)).snapshot;
    const { coSignUnits: _u, coSignatures: _c, ...oldContext } = JSON.parse(JSON.stringify(live.context));
    const restored = paperMachine.resolveState({ value: 'signOff', context: oldContext });
    const { snapshot } = drive(restored, sign(kd), sign(landrat));
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(snapshot.context.coSignatures).toBeUndefined();
  });
});
