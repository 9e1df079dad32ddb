// Small shared pieces: labelled fields, error boxes, explanations.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { euro } from './format';
import { hasNavigated } from './router';

/** The page title: gets focus after navigation, so screen readers announce the new page. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After navigation inside the app, not on the first load (then the skip link comes first).
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function ErrorBox({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div class="error" role="alert">
      {message}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren; // the input, with id={id}
}

/** A label, the input, a hint and the error of this field (aria-describedby on the input is set by the caller). */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div class={'field' + (error ? ' has-error' : '')}>
      <label for={id}>{label}</label>
      {hint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {children}
      {error && (
        <div class="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export interface TraceLine {
  label?: string;
  text?: string;
  amount: number;
  legal_ref?: string;
  article?: string;
  detail?: string;
  param_value?: string;
}

/** An explanation: line by line, each with its amount and the article of law it rests on. */
export function Explanation({ lines, testId }: { lines: TraceLine[]; testId?: string }) {
  return (
    <table class="trace" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Stap</th>
          <th scope="col" class="num">
            Bedrag
          </th>
          <th scope="col">Artikel</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={i}>
            <td>
              {l.label ?? l.text}
              {l.detail && <div class="hint">{l.detail}</div>}
              {l.param_value && <div class="hint">waarde: {l.param_value}</div>}
            </td>
            <td class="num">{euro(l.amount)}</td>
            <td>{l.legal_ref || l.article || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A button that shows or hides what follows; aria-expanded tells screen readers. */
export function Toggle({ open, onToggle, label, controls, more }: { open: boolean; onToggle: () => void; label: string; controls: string; more?: string }) {
  return (
    <button type="button" class="link-button" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
      {label}
      {more && <span class="sr-only"> {more}</span>}
    </button>
  );
}
