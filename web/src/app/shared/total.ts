/**
 * How many a list found, in words: `1 event`, `12 events`. A total the API only bounded
 * (`total_is_exact: false`: it stopped counting one past the bound) reads `1,000+ events`.
 */
export function totalLabel(total: number, exact: boolean | undefined, one: string, many: string): string {
  if (exact === false) {
    return `${Math.max(0, total - 1).toLocaleString('en-US')}+ ${many}`;
  }
  return `${total} ${total === 1 ? one : many}`;
}
