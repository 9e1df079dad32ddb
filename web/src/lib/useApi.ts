import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type RequestOptions } from './api';

/** GET path once (again when path or `reload` changes): {data, error, loading}. */
export function useGet<T>(path: string | null, reload = 0, opts: RequestOptions = {}) {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>('GET', path, undefined, opts)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e) => live && setState({ data: null, error: e instanceof ApiError ? e.message : String(e), loading: false }));
    return () => {
      live = false;
    };
  }, [path, reload]);
  return state;
}
