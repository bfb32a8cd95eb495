import type { Readable } from 'node:stream'

const CR = 13

/**
 * The lines of a text stream (LF or CRLF endings), one batch per chunk read. Batches rather than
 * lines, and not node:readline: handing over each line on its own costs a promise per line,
 * which halved a replay's rows/s. The stream must be decoded text (`encoding` set), so a
 * character split across two chunks arrives whole.
 */
export async function* textLineBatches(input: Readable): AsyncGenerator<string[]> {
  let rest = ''
  for await (const chunk of input) {
    const lines = (rest + (chunk as string)).split('\n')
    rest = lines.pop() as string
    if (lines.length > 0) yield withoutCarriageReturns(lines)
  }
  if (rest !== '') yield withoutCarriageReturns([rest])
}

function withoutCarriageReturns(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.charCodeAt(line.length - 1) === CR) lines[i] = line.slice(0, -1)
  }
  return lines
}
