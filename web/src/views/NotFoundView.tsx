import { Link } from '../router';
import { usePageTitle } from './page-title';

export function NotFoundView() {
  const heading = usePageTitle('Seite nicht gefunden');
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Seite nicht gefunden
      </h1>
      <p>
        Diese Adresse gibt es in der Konsole nicht. <Link to="/">Zu Mein Eingang</Link>
      </p>
    </>
  );
}
