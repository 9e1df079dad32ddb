// Formatting of amounts, dates and months for the Dutch UI. The API gives integer eurocents.

/** 123456 -> "€ 1.234,56"; -500 -> "€ -5,00". Integer cents only. */
export function euro(cents: number): string {
  if (!Number.isFinite(cents) || !Number.isInteger(cents)) return '–';
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${negative ? '-' : ''}${grouped},${String(rest).padStart(2, '0')}`;
}

/**
 * Reads an amount typed by a person ("12,50", "€ 1.234,56", "12.5", "1234") as cents.
 * Returns null when it is not an amount (letters, more than two decimals, empty).
 */
export function parseEuro(text: string): number | null {
  let s = text.replace(/€/g, '').replace(/\s+/g, '');
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  let whole: string;
  let frac = '';
  if (s.includes(',')) {
    // Dutch: the comma is the decimal sign, dots group thousands.
    const parts = s.split(',');
    if (parts.length !== 2) return null;
    whole = parts[0];
    frac = parts[1];
    if (whole.includes('.')) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(whole)) return null;
      whole = whole.replace(/\./g, '');
    }
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    whole = s.replace(/\./g, ''); // "1.234" is one thousand two hundred thirty-four euro
  } else if (s.includes('.')) {
    const parts = s.split('.');
    if (parts.length !== 2) return null;
    whole = parts[0];
    frac = parts[1];
  } else {
    whole = s;
  }
  if (whole === '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(frac)) return null;
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Cents as the text of an input field: 1250 -> "12,50". */
export function centsToInput(cents: number): string {
  return euro(cents).replace('€ ', '').replace(/\./g, '');
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];

/** "2026-11" -> "november 2026". Anything else is returned as it is. */
export function monthName(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const i = Number(m[2]) - 1;
  return i >= 0 && i < 12 ? `${MONTHS[i]} ${m[1]}` : month;
}

/** "2026-11-04" -> "4-11-2026". */
export function dateNl(date: string | null | undefined): string {
  if (!date) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])}-${Number(m[2])}-${m[1]}`;
}

/** "2026-12-03" -> "2026-12" */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
