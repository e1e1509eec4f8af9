import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { formatInstant, formatNumber, PAPER_STATE_LABELS, paperStateLabel } from '../format';
import { Link } from '../router';
import { ErrorMessage } from './ErrorMessage';
import { useLoad } from './load';
import { usePageTitle } from './page-title';

type StateFilter = NonNullable<paths['/papers']['get']['parameters']['query']>['state'];

export function PaperListView() {
  const heading = usePageTitle('Vorlagen');
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [query, setQuery] = useState<{ q?: string; state?: StateFilter }>({});
  const { data, error } = useLoad(() => api.GET('/papers', { params: { query: { ...query, limit: 50 } } }), [query.q, query.state]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ q: q.trim() || undefined, state: (state || undefined) as StateFilter | undefined });
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Vorlagen
      </h1>
      <form className="filters" onSubmit={search} role="search" aria-label="Vorlagen suchen">
        <div className="field">
          <label htmlFor="papers-q">Titel oder Nummer</label>
          <input id="papers-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="papers-state">Stand</label>
          <select id="papers-state" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">alle</option>
            {Object.entries(PAPER_STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Suchen</button>
      </form>
      {error && <ErrorMessage error={error} />}
      {data && (
        <>
          <p role="status">{data.total === 1 ? '1 Vorlage' : `${formatNumber(data.total)} Vorlagen`}</p>
          {data.data.length > 0 && (
            <table>
              <caption className="visually-hidden">Vorlagen, neueste zuerst</caption>
              <thead>
                <tr>
                  <th scope="col">Nummer</th>
                  <th scope="col">Titel</th>
                  <th scope="col">Art</th>
                  <th scope="col">Stand</th>
                  <th scope="col">Zuletzt geändert</th>
                </tr>
              </thead>
              <tbody>
                {data.data.map((p) => (
                  <tr key={p.id}>
                    <td>{p.reference ?? '–'}</td>
                    <td>
                      <Link to={`/vorlagen/${p.id}`}>{p.title}</Link>
                    </td>
                    <td>{p.paperType}</td>
                    <td>{paperStateLabel(p.state, p.stateDetail)}</td>
                    <td>{formatInstant(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
