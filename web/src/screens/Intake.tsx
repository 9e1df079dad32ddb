// Application intake (POST /api/v1/applications) and deciding a queued application
// (POST /api/v1/applications/{id}/decision). Field errors of the API are shown at their field.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { useGet } from '../lib/useApi';
import { Link } from '../lib/router';
import { dateNl, euro } from '../lib/format';
import { intakeFieldKey, validateIntake, type Errors, type IntakeForm, type MemberForm } from '../lib/validate';
import { ErrorBox, Field, PageTitle, describedBy } from '../lib/ui';
import type { Deadlines, WorkQueues } from './Start';
import type { StoredDecision } from './CaseFile';

interface IntakeResult {
  application_id: number;
  automatic: boolean;
  reasons: string[];
  deadlines: Deadlines;
  bijstand: number;
  voorschot_minimum: number | null;
  decision: StoredDecision | null;
}

const ROLE_NL: Record<MemberForm['role'], string> = { applicant: 'aanvrager', partner: 'partner', child: 'kind', housemate: 'medebewoner' };
const RELATIONS: [string, string][] = [
  ['other', 'geen familie'],
  ['parent', 'ouder'],
  ['child', 'kind van 18 of ouder'],
  ['sibling', 'broer of zus'],
  ['grandparent', 'grootouder'],
  ['grandchild', 'kleinkind'],
];
const fid = (field: string) => 'f-' + field.replace(/[^a-zA-Z0-9]+/g, '-');
const today = () => new Date().toISOString().slice(0, 10);

export function Intake() {
  const [form, setForm] = useState<IntakeForm>({
    melding: today(),
    received: today(),
    startDate: '',
    applicantName: '',
    applicantIban: '',
    applicantBsn: '',
    partnerName: '',
    partnerIban: '',
    partnerBsn: '',
    gemeente: '9999',
    vermogen: '0',
    members: [{ role: 'applicant', birthDate: '', netWork: '' }],
  });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof IntakeForm>(k: K, v: IntakeForm[K]) => setForm({ ...form, [k]: v });
  const setMember = (i: number, m: Partial<MemberForm>) => {
    const members = form.members.slice();
    members[i] = { ...members[i], ...m };
    set('members', members);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const { errors, document } = validateIntake(form);
    setErrors(errors);
    setFailure(null);
    if (!document) {
      setFailure('Niet alle velden zijn goed ingevuld; zie de meldingen bij de velden.');
      focusFirstError(errors);
      return;
    }
    setBusy(true);
    try {
      setResult(await api<IntakeResult>('POST', '/applications', document));
    } catch (err) {
      const key = err instanceof ApiError && err.field ? intakeFieldKey(err.field) : '';
      if (err instanceof ApiError && key && fieldShown(key, form)) {
        const errs = { [key]: err.fieldText };
        setErrors(errs);
        setFailure('De aanvraag is niet ingenomen; zie de melding bij het veld.');
        focusFirstError(errs);
      } else setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (result) return <IntakeOutcome result={result} onAgain={() => setResult(null)} />;

  const text = (field: string, label: string, value: string, onInput: (v: string) => void, opts: { type?: string; hint?: string; ac?: string; inputMode?: 'numeric' } = {}) => (
    <Field id={fid(field)} label={label} error={errors[field]} hint={opts.hint}>
      <input
        id={fid(field)}
        type={opts.type ?? 'text'}
        value={value}
        autocomplete={opts.ac ?? 'off'}
        inputMode={opts.inputMode}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(fid(field), errors[field], opts.hint)}
      />
    </Field>
  );
  const hasPartner = form.members.some((m) => m.role === 'partner');
  return (
    <section>
      <PageTitle>Nieuwe aanvraag levensonderhoud</PageTitle>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Data</legend>
          {text('melding', 'Datum melding', form.melding, (v) => set('melding', v), { type: 'date' })}
          {text('received', 'Datum aanvraag ontvangen (leeg: nog niet ontvangen)', form.received, (v) => set('received', v), { type: 'date' })}
          {text('start_date', 'Ingangsdatum (leeg: de datum van de melding)', form.startDate, (v) => set('startDate', v), { type: 'date' })}
        </fieldset>
        <fieldset>
          <legend>Aanvrager</legend>
          {text('applicant.name', 'Naam', form.applicantName, (v) => set('applicantName', v))}
          {text('applicant.iban', 'IBAN', form.applicantIban, (v) => set('applicantIban', v), { hint: 'Bijvoorbeeld NL91ABNA0417164300' })}
          {text('applicant.bsn', 'BSN', form.applicantBsn, (v) => set('applicantBsn', v), {
            hint: '9 cijfers; leeg laten als het BSN nog niet bekend is. Daarna alleen gemaskeerd getoond.',
            inputMode: 'numeric',
          })}
        </fieldset>
        {hasPartner && (
          <fieldset>
            <legend>Partner</legend>
            {text('partner.name', 'Naam partner', form.partnerName, (v) => set('partnerName', v))}
            {text('partner.iban', 'IBAN partner', form.partnerIban, (v) => set('partnerIban', v))}
            {text('partner.bsn', 'BSN partner', form.partnerBsn, (v) => set('partnerBsn', v), { inputMode: 'numeric' })}
          </fieldset>
        )}
        <fieldset>
          <legend>Huishouden</legend>
          {text('household.gemeente', 'Gemeente (CBS-code)', form.gemeente, (v) => set('gemeente', v))}
          {text('household.vermogen', 'Vermogen (euro)', form.vermogen, (v) => set('vermogen', v), { hint: 'Bezittingen min schulden' })}
          <ErrorBox message={errors['household.members']} />
          {form.members.map((m, i) => {
            const base = `household.members[${i}]`;
            return (
              <fieldset class="inner" key={i}>
                <legend>
                  Gezinslid {i + 1}: {ROLE_NL[m.role]}
                </legend>
                {text(`${base}.birth_date`, `Geboortedatum ${ROLE_NL[m.role]}`, m.birthDate, (v) => setMember(i, { birthDate: v }), { type: 'date' })}
                {(m.role === 'applicant' || m.role === 'partner') &&
                  text(`${base}.net_work_income`, `Netto inkomen uit werk deze maand, ${ROLE_NL[m.role]} (euro)`, m.netWork, (v) => setMember(i, { netWork: v }))}
                {m.role === 'housemate' && (
                  <>
                    <Field id={fid(`${base}.relation`)} label="Relatie tot de aanvrager">
                      <select
                        id={fid(`${base}.relation`)}
                        value={m.relation ?? 'other'}
                        onChange={(e) => setMember(i, { relation: (e.target as HTMLSelectElement).value })}
                      >
                        {RELATIONS.map(([v, t]) => (
                          <option value={v}>{t}</option>
                        ))}
                      </select>
                    </Field>
                    <div class="field">
                      <label>
                        <input
                          type="checkbox"
                          checked={!!m.commercial}
                          onChange={(e) => setMember(i, { commercial: (e.target as HTMLInputElement).checked })}
                        />{' '}
                        Huurt of woont in tegen een commerciële prijs, met een schriftelijk contract
                      </label>
                    </div>
                  </>
                )}
                {i > 0 && (
                  <button type="button" onClick={() => set('members', form.members.filter((_, j) => j !== i))}>
                    Gezinslid {i + 1} verwijderen
                  </button>
                )}
              </fieldset>
            );
          })}
          <div class="buttons">
            {!hasPartner && (
              <button type="button" onClick={() => set('members', [...form.members, { role: 'partner', birthDate: '', netWork: '' }])}>
                Partner toevoegen
              </button>
            )}
            <button type="button" onClick={() => set('members', [...form.members, { role: 'child', birthDate: '', netWork: '' }])}>
              Kind toevoegen
            </button>
            <button type="button" onClick={() => set('members', [...form.members, { role: 'housemate', birthDate: '', netWork: '' }])}>
              Medebewoner toevoegen
            </button>
          </div>
        </fieldset>
        <ErrorBox message={failure} />
        <button type="submit" class="primary" disabled={busy}>
          Aanvraag innemen
        </button>
      </form>
    </section>
  );
}

/** Whether the form has an input for this API field (else the error goes to the top). */
function fieldShown(field: string, form: IntakeForm): boolean {
  if (field === 'household.members') return true;
  if (['melding', 'received', 'start_date', 'applicant.name', 'applicant.iban', 'applicant.bsn', 'household.gemeente', 'household.vermogen'].includes(field)) return true;
  if (field.startsWith('partner.')) return form.members.some((m) => m.role === 'partner');
  const m = /^household\.members\[(\d+)\]\.(birth_date|net_work_income)$/.exec(field);
  return !!m && Number(m[1]) < form.members.length;
}

function focusFirstError(errors: Errors) {
  const first = Object.keys(errors)[0];
  if (first) setTimeout(() => document.getElementById(fid(first))?.focus(), 0);
}

function IntakeOutcome({ result, onAgain }: { result: IntakeResult; onAgain: () => void }) {
  const d = result.deadlines;
  return (
    <section data-testid="intake-result">
      <PageTitle>Aanvraag {result.application_id} ingenomen</PageTitle>
      {result.automatic && result.decision ? (
        <div class="ok" role="status">
          <p>
            nabij heeft automatisch besloten: <strong>toekenning</strong>, bijstand {euro(result.bijstand)} per maand vanaf{' '}
            {dateNl(result.decision.effective_from)} (besluit {result.decision.id}).
          </p>
          <p>
            <Link href={`/dossiers/${result.decision.case_id}`}>Open dossier {result.decision.case_id}</Link>
          </p>
        </div>
      ) : (
        <div class="notice" role="status">
          <p>De aanvraag staat in de werkvoorraad. Een medewerker beslist, omdat:</p>
          <ul>
            {result.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          <p>
            Berekende bijstand {euro(result.bijstand)}; voorschot ten minste{' '}
            {result.voorschot_minimum === null ? '–' : euro(result.voorschot_minimum)} uiterlijk {dateNl(d.voorschot_due)}; beslissen
            uiterlijk {dateNl(d.decision_due)} ({d.days_left ?? '–'} dagen).
          </p>
          <p>
            <Link href={`/aanvragen/${result.application_id}`}>Nu beslissen over aanvraag {result.application_id}</Link>
          </p>
        </div>
      )}
      <button type="button" onClick={onAgain}>
        Nog een aanvraag innemen
      </button>
    </section>
  );
}

export function DecideApplication({ id }: { id: number }) {
  const { data, error } = useGet<WorkQueues>('/workqueues');
  const [grant, setGrant] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<StoredDecision | null>(null);
  const app = data?.applications.find((a) => a.id === id) ?? null;

  async function submit(e: Event) {
    e.preventDefault();
    const errs: Errors = {};
    if (grant === null) errs.grant = 'Kies toekennen of afwijzen.';
    if (grant === false && !note.trim()) errs.note = 'Een afwijzing heeft een reden nodig.';
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length) return;
    try {
      setDone(await api<StoredDecision>('POST', `/applications/${id}/decision`, { grant, note: note.trim() }));
    } catch (err) {
      if (err instanceof ApiError && (err.field === 'note' || err.field === 'grant')) setErrors({ [err.field]: err.fieldText });
      else setFailure(err instanceof ApiError ? err.message : String(err));
    }
  }

  if (done)
    return (
      <section>
        <PageTitle>Besluit genomen</PageTitle>
        <div class="ok" role="status">
          {done.kind === 'toekenning' ? 'Toegekend' : 'Afgewezen'}: besluit {done.id}, bijstand {euro(done.bijstand)}.{' '}
          {done.kind === 'toekenning' && <Link href={`/dossiers/${done.case_id}`}>Open dossier {done.case_id}</Link>}
        </div>
        <p>
          <Link href="/start">Terug naar de werkvoorraad</Link>
        </p>
      </section>
    );
  return (
    <section>
      <PageTitle>Beslissen over aanvraag {id}</PageTitle>
      <ErrorBox message={error} />
      {data && !app && <p>Deze aanvraag staat niet (meer) in de werkvoorraad.</p>}
      {app && (
        <>
          <dl class="facts">
            <dt>Melding</dt>
            <dd>{dateNl(app.melding)}</dd>
            <dt>Ontvangen</dt>
            <dd>{dateNl(app.received)}</dd>
            <dt>Ingangsdatum</dt>
            <dd>{dateNl(app.start_date)}</dd>
            <dt>Berekende bijstand</dt>
            <dd>{euro(app.bijstand)}</dd>
            <dt>Beslissen uiterlijk</dt>
            <dd>
              {dateNl(app.deadlines.decision_due)} ({app.deadlines.days_left ?? '–'} dagen)
            </dd>
          </dl>
          <h2>Waarom een medewerker beslist</h2>
          <ul>
            {app.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          <form onSubmit={submit} noValidate>
            <fieldset aria-describedby={errors.grant ? 'grant-error' : undefined}>
              <legend>Besluit</legend>
              <label>
                <input type="radio" name="grant" checked={grant === true} onChange={() => setGrant(true)} /> Toekennen
              </label>
              <label>
                <input type="radio" name="grant" checked={grant === false} onChange={() => setGrant(false)} /> Afwijzen
              </label>
              {errors.grant && (
                <div class="field-error" id="grant-error" role="alert">
                  {errors.grant}
                </div>
              )}
            </fieldset>
            <Field id="note" label="Toelichting (verplicht bij afwijzen)" error={errors.note}>
              <textarea
                id="note"
                rows={3}
                value={note}
                onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
                aria-invalid={errors.note ? true : undefined}
                aria-describedby={describedBy('note', errors.note)}
              />
            </Field>
            <ErrorBox message={failure} />
            <button type="submit" class="primary">
              Besluit vastleggen
            </button>
          </form>
        </>
      )}
    </section>
  );
}
