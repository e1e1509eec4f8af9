import { initialTransition, transition } from 'xstate';
import { paperMachine } from '../modules/papers/paper.machine';
import { VORLAGE_2021_119_CONSULTATIONS, ACTORS } from '../../test/fixtures/paper.fixtures';
import { pureTransition } from './pure-transition';

describe('pureTransition', () => {
  it('gives the same snapshots and actions as xstate’s transition() along a whole lifecycle', () => {
    const at = '2021-08-16T08:00:00.000Z';
    const events = [
      {
        type: 'SUBMIT',
        actor: ACTORS.clerk,
        at,
        paper: { title: 't', decisionProposal: 'd', facts: 'f', climateImpact: { effect: 'none' }, consultations: VORLAGE_2021_119_CONSULTATIONS },
      },
      { type: 'SIGN', actor: ACTORS.fbl, at },
      { type: 'SIGN', actor: ACTORS.clerk, at }, // refused: not the clerk's turn
      { type: 'SIGN', actor: ACTORS.kd, at },
      { type: 'SIGN', actor: ACTORS.landrat, at },
      { type: 'SCHEDULE', actor: ACTORS.office, at, date: '2021-08-31', agendaItemNumber: '2.a' },
      { type: 'RECORD_RESULT', actor: ACTORS.office, at, result: 'postponed' },
    ];
    let [ours] = initialTransition(paperMachine, { paperType: 'Beschlussvorlage' });
    let theirs = ours;
    for (const event of events) {
      const [a, aActions] = pureTransition(paperMachine, ours, event);
      const [b, bActions] = transition(paperMachine, theirs, event as never);
      expect(a.value).toEqual(b.value);
      expect(a.context).toEqual(b.context);
      expect(a === ours).toBe(b === theirs);
      const strip = (list: unknown[]) => list.map((x) => ({ type: (x as { type: string }).type, params: (x as { params?: unknown }).params }));
      expect(strip(aActions)).toEqual(strip(bActions));
      ours = a;
      theirs = b;
    }
    expect(ours.value).toEqual({ deliberation: 'awaitingAgenda' });
  });
});
