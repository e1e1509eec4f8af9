import { transition } from 'xstate';
import { allowedEventTypes, paperMachine, toStateKey, type PaperSnapshot } from './paper.machine';
import type { PaperEvent } from './paper.types';
import { ACTORS, AT, events, NOTICE_PAPER } from '../../../test/fixtures/paper.fixtures';
import { drive, released, start } from '../../../test/fixtures/paper.drive';

const { clerk, office } = ACTORS;
const WORKSHOP = '2021-08-30';

const prepare = (reason = `Auftakt des Beratungsworkshops am ${WORKSHOP}`, by = clerk, taskId = 'task-workshop'): PaperEvent => ({
  type: 'PREPARE_TASK',
  taskId,
  reason,
  actor: by,
  at: '2021-08-20T09:00:00.000Z',
});

function refused(snapshot: PaperSnapshot, event: PaperEvent): void {
  expect(snapshot.can(event)).toBe(false);
  expect(transition(paperMachine, snapshot, event)[0]).toBe(snapshot);
}

/** 2021/119 through the committee and the Kreisausschuss, the Kreistag on the agenda. */
function atDistrictCouncil(from: PaperSnapshot): PaperSnapshot {
  return drive(
    from,
    events.schedule('2021-08-31', '2.a'),
    events.result('recommended'),
    events.schedule('2021-09-13', '5'),
    events.result('recommended'),
    events.schedule('2021-09-29', '11'),
  ).snapshot;
}

describe('measures before adoption (issue 13, item 11)', () => {
  it('a clerk prepares a task in deliberation: recorded with its reason, the paper stays where it is', () => {
    const before = released().snapshot;
    const { snapshot, effects } = drive(before, prepare());
    expect(toStateKey(snapshot.value)).toBe('deliberation.awaitingAgenda');
    expect(snapshot.context.tasksBeforeDecision).toEqual([
      { taskId: 'task-workshop', reason: `Auftakt des Beratungsworkshops am ${WORKSHOP}`, at: '2021-08-20T09:00:00.000Z', actorId: clerk.id },
    ]);
    expect(effects).toEqual([]);
    const scheduled = drive(before, events.schedule('2021-08-31', '2.a'), prepare()).snapshot;
    expect(toStateKey(scheduled.value)).toBe('deliberation.scheduled');
  });

  it('only while a decision is owed, only by a clerk, only with a reason', () => {
    refused(start(), prepare());
    refused(drive(start(), events.submit()).snapshot, prepare());
    refused(released().snapshot, prepare('  '));
    refused(released().snapshot, prepare(undefined, office));
    // A Mitteilungsvorlage asks for no decision.
    const notice = drive(start({ paperType: 'Mitteilungsvorlage' }), events.submit(NOTICE_PAPER), events.sign(ACTORS.fbl), events.sign(ACTORS.kd), events.sign(ACTORS.landrat)).snapshot;
    refused(notice, prepare());
    expect(allowedEventTypes(released().snapshot, clerk)).toContain('PREPARE_TASK');
  });

  it('adoption with a task prepared before it goes straight to inImplementation', () => {
    const { snapshot } = drive(atDistrictCouncil(drive(released().snapshot, prepare()).snapshot), events.result('adopted'));
    expect(toStateKey(snapshot.value)).toBe('inImplementation');
  });

  it('adoption without one stays adopted until the first task (as before)', () => {
    const { snapshot } = drive(atDistrictCouncil(released().snapshot), events.result('adopted'));
    expect(toStateKey(snapshot.value)).toBe('adopted');
  });

  it('a prepared task is refused once decided, and a rejection keeps the record of it', () => {
    const decided = drive(atDistrictCouncil(released().snapshot), events.result('adopted')).snapshot;
    refused(decided, prepare());
    const rejected = drive(atDistrictCouncil(drive(released().snapshot, prepare()).snapshot), events.result('rejected')).snapshot;
    expect(toStateKey(rejected.value)).toBe('rejected');
    expect(rejected.context.tasksBeforeDecision).toHaveLength(1);
  });

  it('a snapshot without tasksBeforeDecision (persisted before) is adopted as before', () => {
    const live = atDistrictCouncil(released().snapshot);
    const { tasksBeforeDecision: _t, ...old } = JSON.parse(JSON.stringify(live.context));
    const restored = paperMachine.resolveState({ value: live.value, context: old });
    expect(toStateKey(drive(restored, events.result('adopted')).snapshot.value)).toBe('adopted');
    void AT;
  });
});
