import { useState } from 'react';
import { api, asApiError, type ApiError, type Schemas } from '../api/client';
import { useDraft } from '../drafts';
import {
  CLIMATE_LABELS,
  CONSULTATION_ROLE_LABELS,
  EVENT_LABELS,
  eventDone,
  formatDay,
  formatInstant,
  paperStateLabel,
  RESULT_LABELS,
  ROLE_LABELS,
} from '../format';
import { Link } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { useLoad } from './load';
import { usePageTitle } from './page-title';

type Paper = Schemas['PaperResponse'];
type PaperEvent = Schemas['PaperEventDto'];

/**
 * Events this view can send: those without a payload, and those whose payload is a
 * reason typed here. A button is shown exactly when `events/allowed` lists the event;
 * the ones that need a meeting (SCHEDULE, RECORD_RESULT, …) belong to the Sitzungen
 * view of a later increment and are only named.
 */
const SIMPLE_EVENTS = ['SUBMIT', 'SIGN', 'CLOSE'] as const;
const REASON_EVENTS = ['REJECT_SIGNOFF', 'WITHDRAW'] as const;
const HANDLED: readonly string[] = [...SIMPLE_EVENTS, ...REASON_EVENTS];

export function PaperDetailView({ id }: { id: string }) {
  // The paper and what the caller may do with it, read together, so the buttons always fit the state shown.
  const paper = useLoad(async () => {
    const params = { params: { path: { id } } };
    const [read, allowed] = await Promise.all([api.GET('/papers/{id}', params), api.GET('/papers/{id}/events/allowed', params)]);
    if (read.data && allowed.data) return { data: { ...read.data, allowed: allowed.data.allowed }, response: read.response };
    return read.data ? { error: allowed.error, response: allowed.response } : { error: read.error, response: read.response };
  }, [id]);
  const history = useLoad(() => api.GET('/papers/{id}/history', { params: { path: { id } } }), [id]);
  const verdict = useLoad(() => api.GET('/papers/{id}/history/verify', { params: { path: { id } } }), [id]);
  const heading = usePageTitle(paper.data ? `Vorlage ${paper.data.reference ?? ''} ${paper.data.title}`.replace('  ', ' ') : 'Vorlage');
  const [outcome, setOutcome] = useState<{ ok: string } | { error: ApiError }>();
  const [busy, setBusy] = useState(false);

  const reloadAll = () => {
    paper.reload();
    history.reload();
    verdict.reload();
  };

  const send = async (event: PaperEvent, done: () => void = () => undefined) => {
    if (!paper.data) return;
    setBusy(true);
    setOutcome(undefined);
    const { data, error, response } = await api.POST('/papers/{id}/events', {
      params: { path: { id } },
      body: { ...event, expectedVersion: paper.data.version },
    });
    setBusy(false);
    if (response.status === 401) return;
    if (data) {
      done();
      setOutcome({ ok: `Erledigt: ${EVENT_LABELS[event.type]?.done ?? event.type}. Stand jetzt: ${paperStateLabel(data.state, data.stateDetail)}.` });
    } else {
      setOutcome({ error: asApiError(error, response.status) });
    }
    // Refused or not: show the state as it is now (another user may have acted meanwhile).
    reloadAll();
  };

  if (paper.error) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          Vorlage
        </h1>
        <ErrorMessage error={paper.error} />
      </>
    );
  }
  const p = paper.data;
  const possible = p?.allowed ?? [];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/vorlagen">Vorlagen</Link> › {p?.reference ?? 'ohne Nummer'}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {p ? p.title : 'Vorlage wird geladen …'}
      </h1>
      {p && (
        <>
          <dl className="facts">
            <div>
              <dt>Vorlage Nr.</dt>
              <dd>{p.reference ?? 'noch keine (wird bei Freigabe vergeben)'}</dd>
            </div>
            <div>
              <dt>Art</dt>
              <dd>
                {p.paperType}, {p.public ? 'öffentlich' : 'nichtöffentlich'}
              </dd>
            </div>
            <div>
              <dt>Stand</dt>
              <dd>
                <span className={`state state-${p.state}`}>{paperStateLabel(p.state, p.stateDetail)}</span>
              </dd>
            </div>
            {p.signOff.nextRole && (
              <div>
                <dt>Als Nächstes zeichnet</dt>
                <dd>{ROLE_LABELS[p.signOff.nextRole] ?? p.signOff.nextRole}</dd>
              </div>
            )}
            <div>
              <dt>Federführend</dt>
              <dd>{p.responsibleUnit ?? '–'}</dd>
            </div>
            {p.paperDate && (
              <div>
                <dt>Datum</dt>
                <dd>{formatDay(p.paperDate)}</dd>
              </div>
            )}
          </dl>

          <section aria-labelledby="aktionen-titel" className="actions">
            <h2 id="aktionen-titel">Aktionen</h2>
            {outcome && 'ok' in outcome && (
              <p className="success" role="status">
                {outcome.ok}
              </p>
            )}
            {outcome && 'error' in outcome && <ErrorMessage error={outcome.error} />}
            <Actions allowed={possible} busy={busy} paperId={p.id} onSend={send} />
          </section>

          <section aria-labelledby="inhalt-titel">
            <h2 id="inhalt-titel">Inhalt</h2>
            <h3>Beschlussvorschlag</h3>
            <p className="text">{p.decisionProposal ?? '–'}</p>
            <h3>Sachverhalt</h3>
            <p className="text">{p.facts ?? '–'}</p>
            {p.goals.length > 0 && (
              <>
                <h3>Ziele</h3>
                <ul>
                  {p.goals.map((g, i) => (
                    <li key={i}>{g}</li>
                  ))}
                </ul>
              </>
            )}
            {p.measures.length > 0 && (
              <>
                <h3>Maßnahmen / Weiteres Vorgehen</h3>
                <ul>
                  {p.measures.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </>
            )}
            <h3>Kosten</h3>
            <p className="text">{p.costs ?? '–'}</p>
            <h3>Relevanz für den Klimaschutz</h3>
            <p>
              {CLIMATE_LABELS[p.climateImpact.effect] ?? p.climateImpact.effect}
              {p.climateImpact.justification && <> – Begründung: {p.climateImpact.justification}</>}
            </p>
          </section>

          <Consultations paper={p} />
          <SignOff paper={p} />
        </>
      )}
      <section aria-labelledby="verlauf-titel">
        <h2 id="verlauf-titel">Verlauf</h2>
        {verdict.data && (
          <p className={verdict.data.valid ? 'verified' : 'error'} role="status">
            {verdict.data.valid
              ? `✓ Verlauf geprüft: ${verdict.data.entries} Einträge, Hash-Kette lückenlos und unverändert.`
              : `✗ Verlauf verändert: Eintrag ${verdict.data.firstBroken?.seq} passt nicht zur Kette (${verdict.data.firstBroken?.reason}).`}
          </p>
        )}
        {history.data && <History entries={history.data} />}
      </section>
    </>
  );
}

function Actions({ allowed, busy, paperId, onSend }: { allowed: string[]; busy: boolean; paperId: string; onSend: (e: PaperEvent, done?: () => void) => void }) {
  const simple = SIMPLE_EVENTS.filter((t) => allowed.includes(t));
  const reasoned = REASON_EVENTS.filter((t) => allowed.includes(t));
  const elsewhere = allowed.filter((t) => !HANDLED.includes(t));
  if (allowed.length === 0) return <p>Für Sie ist bei dieser Vorlage gerade nichts zu tun.</p>;
  return (
    <>
      {simple.length > 0 && (
        <div className="buttons">
          {simple.map((type) => (
            <button key={type} type="button" disabled={busy} onClick={() => onSend({ type })}>
              {EVENT_LABELS[type].action}
            </button>
          ))}
        </div>
      )}
      {reasoned.map((type) => (
        <ReasonAction key={type} type={type} busy={busy} paperId={paperId} onSend={onSend} />
      ))}
      {elsewhere.length > 0 && (
        <p className="hint">
          Außerdem möglich (die Ansicht dafür folgt): {elsewhere.map((t) => EVENT_LABELS[t]?.action ?? t).join(', ')}.
        </p>
      )}
    </>
  );
}

function ReasonAction({ type, busy, paperId, onSend }: { type: (typeof REASON_EVENTS)[number]; busy: boolean; paperId: string; onSend: (e: PaperEvent, done?: () => void) => void }) {
  const [reason, setReason, clear] = useDraft(`${paperId}.${type}`);
  const id = `reason-${type}`;
  return (
    <form
      className="reason"
      onSubmit={(e) => {
        e.preventDefault();
        onSend({ type, reason }, clear);
      }}
    >
      <label htmlFor={id}>Begründung für „{EVENT_LABELS[type].action}“</label>
      <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="secondary" disabled={busy || !reason.trim()}>
        {EVENT_LABELS[type].action}
      </button>
    </form>
  );
}

function Consultations({ paper }: { paper: Paper }) {
  return (
    <section aria-labelledby="beratungsfolge-titel">
      <h2 id="beratungsfolge-titel">Beratungsfolge</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Gremium</th>
            <th scope="col">Beratung</th>
            <th scope="col">Sitzung am</th>
            <th scope="col">TOP</th>
            <th scope="col">Bericht</th>
            <th scope="col">Ergebnis</th>
          </tr>
        </thead>
        <tbody>
          {paper.consultations.map((c) => (
            <tr key={c.id} aria-current={c.current ? 'step' : undefined} className={c.current ? 'current' : undefined}>
              <td>
                {c.organizationName ?? c.organizationId}
                {c.current && <span className="badge"> aktuell</span>}
              </td>
              <td>{CONSULTATION_ROLE_LABELS[c.role] ?? c.role}</td>
              <td>{formatDay(c.scheduledDate ?? c.plannedDate)}</td>
              <td>{c.agendaItemNumber ?? '–'}</td>
              <td>{c.reporter ?? '–'}</td>
              <td>{c.result ? (RESULT_LABELS[c.result] ?? c.result) : 'offen'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SignOff({ paper }: { paper: Paper }) {
  const { steps, signatures, rejections } = paper.signOff;
  return (
    <section aria-labelledby="zeichnung-titel">
      <h2 id="zeichnung-titel">Zeichnung</h2>
      <ol className="steps">
        {steps.map((role, i) => {
          const signature = signatures[i];
          return (
            <li key={`${role}-${i}`}>
              {ROLE_LABELS[role] ?? role}:{' '}
              {signature ? (
                <>
                  gezeichnet {signature.signedAs ? `${signature.signedAs} ` : ''}von {signature.name ?? '–'}
                  {signature.function ? `, ${signature.function}` : ''} am {formatInstant(signature.at)}
                </>
              ) : (
                'offen'
              )}
            </li>
          );
        })}
      </ol>
      {rejections.length > 0 && (
        <p>
          Abgelehnt: {rejections.map((r) => `${ROLE_LABELS[r.role] ?? r.role} am ${formatInstant(r.at)} („${r.reason}“)`).join('; ')}
        </p>
      )}
    </section>
  );
}

function History({ entries }: { entries: Schemas['HistoryEntryResponse'][] }) {
  return (
    <table className="history">
      <thead>
        <tr>
          <th scope="col">Nr.</th>
          <th scope="col">Zeitpunkt</th>
          <th scope="col">Schritt</th>
          <th scope="col">Stand danach</th>
          <th scope="col">durch</th>
          <th scope="col">Prüfsumme</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq}>
            <td>{e.seq}</td>
            <td>{formatInstant(e.at)}</td>
            <td>{eventDone(e.type)}</td>
            <td>{e.to ? paperStateLabel(...(e.to.split('.') as [string, string?])) : '–'}</td>
            <td>{e.actor.username ?? '–'}</td>
            <td>
              <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
