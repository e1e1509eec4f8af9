import { VORLAGE_2021_119 } from '../../demo/vorlage-2021-119';
import { proposeTasks } from './task-proposal';

describe('proposeTasks', () => {
  it('reads the measures of 2021/119 as its workshop, its tender and, from its costs, the ZIRE funding application', () => {
    const proposal = proposeTasks(VORLAGE_2021_119.measures, VORLAGE_2021_119.costs);
    expect(proposal.map((p) => [p.kind, p.dueDate, p.programme, p.source])).toEqual([
      ['workshop', '2021-08-30', null, 'measures[0]'],
      ['tender', null, null, 'measures[1]'],
      ['funding_application', null, 'ZIRE', 'costs'],
    ]);
    expect(proposal[0].title).toBe(
      'Durchführung eines vom Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie (MWIDE) Nordrhein-Westfalen geförderten kommunalen Beratungsworkshops',
    );
    expect(proposal[1].title).toMatch(/^Die Impulse aus dem Beratungsworkshop aufgreifend wird eine Ausschreibung einer begleitenden Beratung .*…$/);
    expect(proposal[2].title).toBe('Förderantrag ZIRE');
    for (const p of proposal) expect(p.title.length).toBeLessThanOrEqual(160);
    expect(proposal[0].text).toBe(VORLAGE_2021_119.measures[0]);
  });

  it('offers a generic task for anything else, and no funding application twice', () => {
    const proposal = proposeTasks(['Förderantrag EFRE stellen bis 31.02.2022.', 'Bericht an den Ausschuss.'], 'Fördermittel werden beantragt.');
    expect(proposal.map((p) => [p.kind, p.programme, p.dueDate])).toEqual([
      ['funding_application', 'EFRE', null],
      ['generic', null, null],
    ]);
    expect(proposal[1].title).toBe('Bericht an den Ausschuss');
    expect(proposeTasks([], null)).toEqual([]);
  });
});
