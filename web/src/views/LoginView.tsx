import { useState, type FormEvent } from 'react';
import { ERROR_CODE_LABELS } from '../format';
import { useSession } from '../session';
import { usePageTitle } from './page-title';

export function LoginView() {
  const { login, expired } = useSession();
  const heading = usePageTitle('Anmelden');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const refused = await login(username.trim(), password);
    setBusy(false);
    if (refused) {
      setError(refused.code && ERROR_CODE_LABELS[refused.code] ? ERROR_CODE_LABELS[refused.code] : `Anmeldung fehlgeschlagen (${refused.message}).`);
      setPassword('');
    }
  };

  return (
    <main id="inhalt" className="login">
      <h1 ref={heading} tabIndex={-1}>
        ratsweg – Anmelden
      </h1>
      {expired && (
        <p className="notice" role="status">
          Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an; Ihre Eingaben bleiben erhalten.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login-username">Benutzername</label>
          <input id="login-username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">Passwort</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p className="error" role="alert" id="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !username || !password}>
          {busy ? 'Anmeldung läuft …' : 'Anmelden'}
        </button>
      </form>
    </main>
  );
}
