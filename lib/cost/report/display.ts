/** Escaping and number display shared by the formatters (display only: no arithmetic here). */

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** "1234567.5" -> "1,234,567.5" on the integer part of a decimal string. */
function groupThousands(decimal: string): string {
  const [int, frac] = decimal.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A GBP decimal string for people: "-1234.50" -> "-£1,234.50". */
export function gbp(amount: string): string {
  const negative = amount.startsWith('-');
  const body = groupThousands(negative ? amount.slice(1) : amount);
  return `${negative ? '-' : ''}£${body}`;
}

/** First day of a `YYYY-MM` month as an ISO date. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-07" -> "Jul 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}
