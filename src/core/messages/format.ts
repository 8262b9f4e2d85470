/**
 * Numbers as Vietnamese readers write them. Plain functions with no imports, so that the sidebar's
 * browser bundle can use them as well as the server and the local CLI.
 */

/** 1234 → "1.234": Vietnamese groups thousands with a dot (fixed here, not left to the browser's Intl). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 0.45 → "45,0%": one decimal (or `decimals`), with the Vietnamese decimal comma. */
export function formatPercent(ratio: number, decimals = 1): string {
  const [whole, fraction] = (ratio * 100).toFixed(decimals).split('.');
  return `${formatCount(Number(whole))},${fraction}%`;
}

/**
 * Decimals to show the share numerator ÷ denominator as a percentage: one, or as many more as it takes
 * that a share short of 100% or past it never reads "100,0%". A rule at 100% (a unit from 100%, the
 * ward above it) must not look met or missed because of rounding: 2.499 of 2.500 reads "99,96%".
 */
export function shareDecimals(numerator: number, denominator: number): number {
  if (!(denominator > 0) || numerator === denominator) return 1;
  for (let decimals = 1; decimals < MAX_SHARE_DECIMALS; decimals++) {
    const scale = 10 ** (decimals + 2);
    if (Math.round((numerator * scale) / denominator) !== scale) return decimals;
  }
  return MAX_SHARE_DECIMALS;
}

const MAX_SHARE_DECIMALS = 6;
