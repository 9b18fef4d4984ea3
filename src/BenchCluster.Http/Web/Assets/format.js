// Numbers as a person reads them; a missing value (unknown or not applicable) shows as an en dash, never as 0.

export const MISSING = '–';

const missing = v => v === null || v === undefined || Number.isNaN(v);

export function num(value, digits = 1) {
  if (missing(value)) return MISSING;
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A figure with enough significant digits whatever its size (prices from $0.00004 to $40). */
export function sig(value, digits = 3) {
  if (missing(value)) return MISSING;
  const n = Number(value);
  if (n === 0) return '0';
  return Math.abs(n) >= 1000 ? num(n, 0) : Number(n.toPrecision(digits)).toString();
}

export function usd(value) {
  return missing(value) ? MISSING : '$' + sig(value);
}

export function percent(fraction, digits = 1) {
  return missing(fraction) ? MISSING : num(fraction * 100, digits) + ' %';
}

export function ratio(value) {
  return missing(value) ? MISSING : Number(value).toFixed(3) + '×';
}

export function when(text) {
  if (!text) return MISSING;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? String(text) : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function bytesGiB(bytes) {
  return missing(bytes) ? MISSING : num(bytes / 1073741824, 1);
}

/** The run statuses as the API writes them, whether as names or as the enum's numbers. */
const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export function status(value) {
  if (typeof value === 'number') return STATUSES[value] ?? String(value);
  return String(value ?? 'unknown').toLowerCase();
}

export function isTerminal(value) {
  return ['completed', 'failed', 'cancelled'].includes(status(value));
}
