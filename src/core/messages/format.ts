/**
 * Numbers as Vietnamese readers write them. Plain functions with no imports, so that the sidebar's
 * browser bundle can use them as well as the server and the local CLI.
 */

/** 1234 → "1.234": Vietnamese groups thousands with a dot (fixed here, not left to the browser's Intl). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 0.45 → "45,0%": one decimal, with the Vietnamese decimal comma. */
export function formatPercent(ratio: number): string {
  const [whole, decimals] = (ratio * 100).toFixed(1).split('.');
  return `${formatCount(Number(whole))},${decimals}%`;
}
