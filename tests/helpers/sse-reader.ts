/** Reads a text/event-stream body message by message (comments are skipped by event()). */
export class SseReader {
  private buffer = ''
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>
  private readonly decoder = new TextDecoder()

  constructor(response: Response) {
    this.reader = (response.body as ReadableStream<Uint8Array>).getReader()
  }

  async comment(): Promise<string> {
    const message = await this.next()
    if (!message.startsWith(':')) throw new Error(`expected a comment, got ${message}`)
    return message
  }

  async event(): Promise<{ id: string; event: string; data: Record<string, unknown> }> {
    let message = await this.next()
    while (message.startsWith(':')) message = await this.next()
    const fields = Object.fromEntries(message.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]))
    return { id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data ?? 'null') as Record<string, unknown> }
  }

  /** Events until one matches `last` (included). */
  async until(last: (event: { event: string; data: Record<string, unknown> }) => boolean): Promise<{ id: string; event: string; data: Record<string, unknown> }[]> {
    const events = []
    for (;;) {
      const event = await this.event()
      events.push(event)
      if (last(event)) return events
    }
  }

  private async next(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end >= 0) {
        const message = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 2)
        return message
      }
      const { value, done } = await this.reader.read()
      if (done) throw new Error('stream ended')
      this.buffer += this.decoder.decode(value, { stream: true })
    }
  }
}
