import { Router, useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { Shell } from './views/Shell';
import { LoginView } from './views/LoginView';
import { InboxView } from './views/InboxView';
import { PaperListView } from './views/PaperListView';
import { PaperDetailView } from './views/PaperDetailView';
import { NotFoundView } from './views/NotFoundView';

export function App() {
  return (
    <Router>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </Router>
  );
}

/** Logged out (or the session expired): the login in place of the view, which comes back after it. */
function Gate() {
  const { user } = useSession();
  if (user === undefined) return <p className="loading" role="status">Wird geladen …</p>;
  if (user === null) return <LoginView />;
  return (
    <Shell>
      <Routes />
    </Shell>
  );
}

function Routes() {
  const { path } = useLocation();
  if (path === '/' || path === '/eingang') return <InboxView />;
  if (path === '/vorlagen') return <PaperListView />;
  const paper = /^\/vorlagen\/([0-9a-f-]{36})$/i.exec(path);
  if (paper) return <PaperDetailView id={paper[1]} key={paper[1]} />;
  return <NotFoundView />;
}
