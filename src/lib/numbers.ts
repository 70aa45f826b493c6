/** 4000 → "4 000" with `separator` between groups of three digits (a plain space by default). */
export function formatThousands(n: number, separator = " "): string {
  const [int, frac] = String(n).split(".");
  const grouped = (int ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
