import { describe, expect, it } from 'vitest';
import { centsToInput, dateNl, euro, monthName, parseEuro } from './format';

describe('euro', () => {
  it('formats cents the Dutch way', () => {
    expect(euro(123456)).toBe('€ 1.234,56');
    expect(euro(0)).toBe('€ 0,00');
    expect(euro(5)).toBe('€ 0,05');
    expect(euro(141946)).toBe('€ 1.419,46');
    expect(euro(100000000)).toBe('€ 1.000.000,00');
    expect(euro(-500)).toBe('€ -5,00');
    expect(euro(-123456)).toBe('€ -1.234,56');
  });
  it('refuses what is not whole cents', () => {
    expect(euro(12.5)).toBe('–');
    expect(euro(Number.NaN)).toBe('–');
  });
});

describe('parseEuro', () => {
  it('reads amounts as people type them', () => {
    expect(parseEuro('12,50')).toBe(1250);
    expect(parseEuro('€ 1.234,56')).toBe(123456);
    expect(parseEuro('12.5')).toBe(1250);
    expect(parseEuro('1234')).toBe(123400);
    expect(parseEuro('1.234')).toBe(123400);
    expect(parseEuro(',5')).toBe(50);
    expect(parseEuro('-3,00')).toBe(-300);
  });
  it('refuses what is no amount', () => {
    expect(parseEuro('')).toBeNull();
    expect(parseEuro('twaalf')).toBeNull();
    expect(parseEuro('1,234')).toBeNull();
    expect(parseEuro('1,2,3')).toBeNull();
    expect(parseEuro('12.345,6.7')).toBeNull();
    expect(parseEuro('12.34.5')).toBeNull();
  });
  it('round-trips with centsToInput', () => {
    for (const c of [0, 1, 99, 1250, 123456, 99999999]) expect(parseEuro(centsToInput(c))).toBe(c);
  });
});

describe('dates and months', () => {
  it('writes them in Dutch', () => {
    expect(monthName('2026-11')).toBe('november 2026');
    expect(monthName('2026-13')).toBe('2026-13');
    expect(dateNl('2026-01-05')).toBe('5-1-2026');
    expect(dateNl(null)).toBe('–');
  });
});
