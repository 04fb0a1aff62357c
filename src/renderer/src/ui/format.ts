const counts = new Intl.NumberFormat('en');

export function formatCount(n: number): string {
  return counts.format(n);
}
