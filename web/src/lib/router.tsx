// A small router on the History API: paths like /dossiers/17 (nabijd serves index.html for them).
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

const listeners = new Set<() => void>();
let navigated = false;

/** True after the first navigation inside the app (not on the first page load). */
export function hasNavigated(): boolean {
  return navigated;
}

export function navigate(path: string): void {
  navigated = true;
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  listeners.forEach((f) => f());
}

export function useLocation(): string {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const update = () => {
      navigated = true;
      setPath(location.pathname + location.search);
    };
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

export function Link({ href, children, class: cls }: { href: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={href}
      class={cls}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
