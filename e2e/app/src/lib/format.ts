/**
 * Dates in UTC with a fixed locale: the same seed renders the same text in every browser, time zone and
 * machine, so screenshots are stable. No `Date.now()` anywhere in rendering (the mock's clock is logical).
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "3 Mar 2025, 14:05 UTC" */
export function formatDate(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '—'
  return `${dateTime.format(date)} UTC`
}

/** For `<time dateTime>`. */
export function isoDate(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined
}
