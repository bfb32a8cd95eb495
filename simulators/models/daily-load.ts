/**
 * Building demand through the day, 0 (quietest, 12 h from the peak) to 1 (at `peakHour`). A single
 * sinusoid: smooth enough that a slowly adapting baseline follows it without alarm.
 */
export function dailyLoad(hourOfDay: number, peakHour: number): number {
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (hourOfDay - peakHour)) / 24)
}
