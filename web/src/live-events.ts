/** One message of the live stream: its kind (`alert`, `work_order`, `health`) and its data. */
export interface LiveEvent {
  kind: string
  data: unknown
}

/**
 * Follows the API's live stream (`/api/v1/events`: alert, work-order and health changes the user
 * may see) and calls `onEvent` with each. fetch, not EventSource, because the stream needs the
 * Authorization header. A dropped stream is opened again after a pause, resuming from the last
 * event it saw; `onReconnect` then tells the pages to catch up on state (health is not replayed).
 * Returns the function that stops it.
 */
export function followLiveEvents(token: string, onEvent: (event: LiveEvent) => void, onSignInRequired: () => void, onReconnect: () => void = () => {}): () => void {
  const controller = new AbortController()
  let lastId: string | undefined
  let connections = 0

  async function follow(): Promise<void> {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' }
        if (lastId !== undefined) headers['last-event-id'] = lastId
        const response = await fetch('/api/v1/events', { headers, signal: controller.signal })
        if (response.status === 401) return onSignInRequired()
        if (response.status === 403) return // this role has no live stream (a requester): asking again will not change that
        if (!response.ok || response.body === null) throw new Error(`live stream: ${response.status}`)
        if (connections++ > 0) onReconnect()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end = buffer.indexOf('\n\n')
          while (end >= 0) {
            const message = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const fields = new Map(message.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]))
            if (fields.has('id')) lastId = fields.get('id')
            const kind = fields.get('event')
            if (kind !== undefined) onEvent({ kind, data: parseData(fields.get('data')) })
            end = buffer.indexOf('\n\n')
          }
        }
      } catch {
        if (controller.signal.aborted) return
      }
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }

  void follow()
  return () => controller.abort()
}

function parseData(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}
