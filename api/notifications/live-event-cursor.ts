/**
 * Where a client is in the live stream: its position in the alert-event stream and in the
 * work-order-event stream, written `<alert id>_<work-order id>` (`1764489600000-0_1764489600123-4`).
 * It is each message's SSE id, so Last-Event-ID resumes both streams exactly.
 */
export interface LiveEventCursor {
  alerts: string
  workOrders: string
}

export const LIVE_CURSOR_PATTERN = /^\d{1,20}-\d{1,20}_\d{1,20}-\d{1,20}$/

export function formatLiveCursor(cursor: LiveEventCursor): string {
  return `${cursor.alerts}_${cursor.workOrders}`
}

export function parseLiveCursor(text: string): LiveEventCursor | undefined {
  if (!LIVE_CURSOR_PATTERN.test(text)) return undefined
  const [alerts = '0-0', workOrders = '0-0'] = text.split('_')
  return { alerts, workOrders }
}

/** Orders two Redis stream ids (`<ms>-<seq>`): negative when `a` is older. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number)
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number)
  return aMs - bMs || aSeq - bSeq
}
