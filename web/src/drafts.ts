import { useCallback, useState } from 'react';

/**
 * Text a user is typing, kept in sessionStorage: when the session expires the console
 * shows the login in place, and after it the same view comes back with the text as it
 * was. sessionStorage (not localStorage): it belongs to this tab and ends with it, so
 * nothing typed stays on a shared office computer after the browser is closed.
 */
const PREFIX = 'ratsweg.draft.';

export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const storageKey = PREFIX + key;
  const [value, setValue] = useState(() => sessionStorage.getItem(storageKey) ?? '');
  const update = useCallback(
    (next: string) => {
      setValue(next);
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
    },
    [storageKey],
  );
  const clear = useCallback(() => update(''), [update]);
  return [value, update, clear];
}

/** On logout: nothing typed stays behind. */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
