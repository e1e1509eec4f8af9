/**
 * Vorlage 2021/119 of the Kreis Recklinghausen, as in ../shared/seed/vorlage-2021-119.md:
 * the demo's paper and the tests' reference case. Organizations are named, not
 * referenced by id, so the same data serves the seed and the tests.
 */
export const VORLAGE_2021_119 = {
  reference: '2021/119',
  paperType: 'Beschlussvorlage' as const,
  public: true,
  title: 'Digitalisierung – SmartCity/ SmartCounty Kreis Recklinghausen',
  decisionProposal:
    'Der Kreistag begrüßt die Vorgehensweise zur digitalen Zukunftsstrategie für den Kreis Recklinghausen und unterstützt das gemeinsame Vorgehen mit den kreisangehörigen Städten',
  facts: [
    'Neben der intensiven Behandlung der Thematik im Kreistag am 17.05.2021 haben Gespräche des Bürgermeisters Rajko Kravanja aus Castrop-Rauxel als Verbandsvorsteher der GKD Recklinghausen mit den Bürgermeister*innen der kreisangehörigen Städte und dem Landrat zur Situation der Digitalisierung im Kreis Recklinghausen und den kreisangehörigen Städten gezeigt, dass gemeinsamer Handlungsbedarf im weiteren Vorgehen besteht.',
    'In Zusammenarbeit zwischen dem Kreis Recklinghausen und der Stadt Castrop-Rauxel ist in der Hauptverwaltungsbeamten (HVB) - Konferenz am 01.07.2021 eine Vorlage zum Thema Smart Region/Digitalisierungsstrategie eingebracht worden.',
    'Die HVB-Konferenz hat die Entwicklung einer gemeinsamen regionalen, digitalen Zukunftsstrategie für den Kreis Recklinghausen – verbunden mit der Formulierung von Leitlinien für den erfolgreichen digitalen Wandel im Kreis Recklinghausen - sowie die Schaffung gemeinsamer Strukturen zur Umsetzung der Strategie beschlossen. Damit verbunden hat die HVB-Konferenz beschlossen, dass die kreisangehörigen Städte und der Kreis für den Prozess zentrale Ansprechpersonen mit den notwendigen Befugnissen benennen.',
    'Im Folgenden werden die Ziele und Maßnahmen beschrieben.',
  ].join('\n\n'),
  goals: [
    'Identifizierung gemeinsamer Themen der Digitalisierung und damit verbunden',
    'Verstetigung, Vereinheitlichung und Koordinierung der interkommunalen Zusammenarbeit im Bereich der Digitalisierung durch eine gemeinsame Strategie und gemeinsame Strukturen in Form einer übergeordneten, gemeinsamen Stelle (z. B. Dachmarkenorganisation)',
    'Identifizierung neuer bzw. weiterer Digitalisierungsprojekte',
    'Nutzung von Synergiepotenzialen zwischen den Akteuren der kreisangehörigen Städte und dem Kreis Recklinghausen',
    'Vermeidung von etwaigen Doppelungen mit bereits vorhandenen Strategien und Konzeptideen der kreisangehörigen Städte des Kreises sowie der GKD.',
    'Identifizierung und Nutzung von passenden Förderprogrammen für die interkommunale Zusammenarbeit im Rahmen von Digitalisierungsprojekten wie z.B. SmartCity',
  ],
  measures: [
    'Identifizierung, Nutzung und Bündelung vorhandener Netzwerke, Strukturen, Projekte, Initiativen. Dabei wird die GKD ein wichtiger Akteur sein. Durchführung eines vom Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie (MWIDE) Nordrhein-Westfalen geförderten kommunalen Beratungsworkshops, orientiert an der Ausgangslage der kreisangehörigen Städte und des Kreises Recklinghausen. Dabei geht es vor allem auch darum, mit allen Beteiligten ein gemeinsames Verständnis für den anzustoßenden Prozess zu erlangen sowie gemeinsame Interessen zu identifizieren. Auftakt ist am 30.08.2021.',
    'Die Impulse aus dem Beratungsworkshop aufgreifend wird eine Ausschreibung einer begleitenden Beratung für die Umsetzung des Digitalisierungsprozesses in der Region auf den Weg gebracht, durch die eine Klärung der Zuständigkeiten, Rollen und Verantwortlichkeiten im beschriebenen gemeinsamen Digitalisierungsprozess herbeigeführt werden soll – dies insbesondere mit Blick auf die Koordinierung der interkommunalen Zusammenarbeit durch eine übergeordnete, gemeinsame Stelle (z. B. personelle und finanzielle Ausstattung einer möglicherweise erforderlichen Dachmarkenorganisation).',
  ],
  /**
   * The source prints no date of the Vorlage and no amounts (only that funding is sought
   * and ZIRE money may pay for the concept phase): `paperDate` and `costItems` stay empty
   * rather than invented; a clerk fills them in with PATCH while it is a draft.
   */
  paperDate: undefined,
  costItems: [],
  costs:
    'Zur Finanzierung werden geeignete Fördermittel eingeworben. Für die Phase der Konzeptionierung können ZIRE-Mittel eingesetzt werden.',
  climateImpact: {
    effect: 'none' as const,
    justification:
      'Die Digitalisierung ist ein wesentlicher Baustein um die Nachhaltigkeitsstrategie und den Klimaschutz im Kreis umsetzen zu können.',
  },
  /** The source names no unit; the paper is signed by Landrat Klimpel and Kreisdirektor Butz. */
  responsibleUnit: 'Kreisdirektor – Digitalisierung',
  consultations: [
    {
      organization: 'Ausschuss für Wirtschaftspolitik und Digitales',
      role: 'preliminary' as const,
      plannedDate: '2021-08-31',
      agendaItemNumber: '2.a',
      reporter: 'Herr Haumann',
    },
    { organization: 'Kreisausschuss', role: 'preliminary' as const, plannedDate: '2021-09-13', agendaItemNumber: '5', reporter: 'Herr Haumann' },
    { organization: 'Kreistag', role: 'decisive' as const, plannedDate: '2021-09-29', agendaItemNumber: '11', reporter: 'Herr Haumann' },
  ],
};

/** Vorlagen the Kreis had released in 2021 before this one, so that its release in 2021 yields 2021/119. */
export const KREIS_REFERENCES_BEFORE_2021_119 = { year: 2021, lastNumber: 118 };
