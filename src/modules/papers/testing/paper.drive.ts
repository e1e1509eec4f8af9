/**
 * Drives the paper machine the way the workflow service does (`can`, then pure
 * `transition`), for the specs. Throws on a refused step so a broken path names its event.
 */
import { initialTransition, transition } from 'xstate';
import { paperMachine, toPaperEffects, toStateKey, type PaperSnapshot } from '../paper.machine';
import type { PaperEffect, PaperEvent, PaperInput } from '../paper.types';
import { ACTORS, AT, events, VORLAGE_2021_119 } from './paper.fixtures';

export interface Driven {
  snapshot: PaperSnapshot;
  /** Effects of every step, in order, as the caller would write them to the outbox. */
  effects: PaperEffect[];
}

export function start(input: PaperInput = { paperType: 'Beschlussvorlage' }): PaperSnapshot {
  return initialTransition(paperMachine, input)[0];
}

export function drive(snapshot: PaperSnapshot, ...steps: PaperEvent[]): Driven {
  const effects: PaperEffect[] = [];
  let current = snapshot;
  for (const event of steps) {
    if (!current.can(event)) {
      throw new Error(`${event.type} refused in ${toStateKey(current.value)}: ${JSON.stringify(event)}`);
    }
    const [next, actions] = transition(paperMachine, current, event);
    effects.push(...toPaperEffects(actions));
    current = next;
  }
  return { snapshot: current, effects };
}

/** Vorlage 2021/119 signed off by Fachbereichsleitung, Kreisdirektor and Landrat. */
export function released(input: PaperInput = { paperType: 'Beschlussvorlage' }, paper = VORLAGE_2021_119): Driven {
  return drive(
    start(input),
    events.submit(paper),
    events.sign(ACTORS.fbl, AT.signedFbl),
    events.sign(ACTORS.kd, AT.signedKd),
    events.sign(ACTORS.landrat, AT.signedLandrat),
  );
}
