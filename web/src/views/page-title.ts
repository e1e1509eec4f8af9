import { useEffect, useRef } from 'react';

/**
 * Each view names itself in the document title and, when it is opened by navigation,
 * moves the focus to its heading, so a screen reader announces the new page and the
 * keyboard starts from there (WCAG 2.4.2, 2.4.3).
 */
export function usePageTitle(title: string | undefined) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!title) return;
    document.title = `${title} – ratsweg`;
  }, [title]);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) heading.current?.focus();
  }, []);
  return heading;
}
