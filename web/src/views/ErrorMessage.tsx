import type { ApiError } from '../api/client';
import { ERROR_CODE_LABELS } from '../format';

/** A refusal: what it means in German, and the API's own reason beside it. */
export function ErrorMessage({ error }: { error: ApiError }) {
  const meaning = (error.code && ERROR_CODE_LABELS[error.code]) ?? fallback(error.statusCode);
  return (
    <div className="error" role="alert">
      <p>
        <strong>{meaning}</strong>
      </p>
      {error.message && <p className="reason">Antwort des Servers: {error.message}</p>}
      {error.fields && error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => (
            <li key={f.field}>
              {f.field}: {f.messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function fallback(status: number): string {
  if (status === 400) return 'Die Eingabe ist ungültig.';
  if (status === 403) return 'Dafür fehlt Ihnen die Berechtigung.';
  if (status === 404) return 'Nicht gefunden.';
  if (status === 409) return 'Dieser Schritt ist jetzt nicht möglich.';
  if (status >= 500 || status === 0) return 'Der Dienst antwortet gerade nicht. Bitte erneut versuchen.';
  return 'Die Aktion ist fehlgeschlagen.';
}
