import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../api/client';

/** One API read of a view: its data, a refusal, and reload. */
export function useLoad<T>(read: () => Promise<{ data?: T; error?: unknown; response: Response }>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    read().then(
      (result) => {
        if (!live) return;
        if (result.data !== undefined) {
          setData(result.data);
          setError(undefined);
        } else if (result.response.status !== 401) {
          setError(asApiError(result.error, result.response.status));
        }
      },
      (failure: unknown) => live && setError(asApiError(String(failure), 0)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}
