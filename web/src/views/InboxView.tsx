import type { ReactNode } from 'react';
import { api, type Schemas } from '../api/client';
import { formatDay, formatInstant, MEETING_STATE_LABELS, paperStateLabel, TASK_KIND_LABELS } from '../format';
import { Link } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { useLoad } from './load';
import { usePageTitle } from './page-title';

export function InboxView() {
  const heading = usePageTitle('Mein Eingang');
  const { data, error } = useLoad(() => api.GET('/inbox'), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Mein Eingang
      </h1>
      {error && <ErrorMessage error={error} />}
      {!data && !error && <p role="status">Wird geladen …</p>}
      {data && (
        <>
          <ul className="counts" aria-label="Übersicht">
            <li>
              <a href="#zu-zeichnen">Zu zeichnen: {data.toSign.count}</a>
            </li>
            <li>
              <a href="#entwuerfe">Entwürfe: {data.drafts.count}</a>
            </li>
            <li>
              <a href="#sitzungen">Sitzungen vorzubereiten: {data.meetingsToPrepare.count}</a>
            </li>
            <li>
              <a href="#massnahmen">Fällige Maßnahmen: {data.tasksDue.count}</a>
            </li>
            <li>
              <a href="#erinnerungen">Erinnerungen: {data.reminders.count}</a>
            </li>
          </ul>
          <Section id="zu-zeichnen" title="Vorlagen zur Zeichnung" count={data.toSign.count} empty="Keine Vorlage wartet auf Ihre Zeichnung.">
            {data.toSign.items.map((p) => (
              <PaperItem key={p.id} paper={p} />
            ))}
          </Section>
          <Section id="entwuerfe" title="Meine Entwürfe" count={data.drafts.count} empty="Keine Entwürfe.">
            {data.drafts.items.map((p) => (
              <PaperItem key={p.id} paper={p} />
            ))}
          </Section>
          <Section id="sitzungen" title="Sitzungen vorzubereiten" count={data.meetingsToPrepare.count} empty="Keine Sitzung vorzubereiten.">
            {data.meetingsToPrepare.items.map((m) => (
              <li key={m.id}>
                <strong>{m.organizationName}</strong>, {formatInstant(m.start)} Uhr – {MEETING_STATE_LABELS[m.state] ?? m.state}
                {m.lastDayToInvite && <> · einzuladen bis {formatDay(m.lastDayToInvite)}</>}
              </li>
            ))}
          </Section>
          <Section id="massnahmen" title="Fällige Maßnahmen" count={data.tasksDue.count} empty="Keine Maßnahme fällig.">
            {data.tasksDue.items.map((t) => (
              <li key={t.id}>
                {TASK_KIND_LABELS[t.kind] ?? t.kind}: <Link to={`/vorlagen/${t.paperId}`}>{t.title}</Link> – fällig {formatDay(t.dueDate)}
                {t.overdue && <span className="badge warn"> überfällig</span>}
              </li>
            ))}
          </Section>
          <Section id="erinnerungen" title="Erinnerungen" count={data.reminders.count} empty="Keine Erinnerungen der letzten 14 Tage.">
            {data.reminders.items.map((r) => (
              <li key={r.id}>
                {formatInstant(r.at)}: {r.subject}
              </li>
            ))}
          </Section>
        </>
      )}
    </>
  );
}

function Section({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-titel`} id={id}>
      <h2 id={`${id}-titel`}>
        {title} <span className="count">({count})</span>
      </h2>
      {count === 0 ? <p className="empty">{empty}</p> : <ul className="items">{children}</ul>}
    </section>
  );
}

function PaperItem({ paper }: { paper: Schemas['PaperSummaryResponse'] }) {
  return (
    <li>
      <Link to={`/vorlagen/${paper.id}`}>{paper.title}</Link>
      <span className="meta">
        {' '}
        – {paper.reference ?? 'ohne Nummer'}, {paper.paperType}, {paperStateLabel(paper.state, paper.stateDetail)}
      </span>
    </li>
  );
}
