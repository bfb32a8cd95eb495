import type { Client } from 'aedes'

interface PacketParser {
  packet: { length: number; cmd?: string }
  _parseLength(): boolean
  _emitError(error: Error): boolean
}

/**
 * aedes 1.2 has no limit on the size of a packet: its parser (mqtt-packet) buffers whatever the
 * fixed header announces. This hooks the parser's length step, so a packet announcing more than
 * `maxBytes` is refused as soon as its header is read — before its body is buffered — and the
 * connection is closed (aedes closes it on a parser error). MQTT 3.1.1 has no way to tell the
 * client why; `onRefused` counts and logs it.
 */
export function limitPacketSize(client: Client, maxBytes: number, onRefused: (length: number) => void): void {
  const parser = (client as unknown as { _parser?: PacketParser })._parser
  if (parser === undefined || typeof parser._parseLength !== 'function') {
    throw new Error('aedes internals changed: cannot limit the packet size (check broker/packet-size-limit.ts)')
  }
  const parseLength = parser._parseLength.bind(parser)
  parser._parseLength = function limitedParseLength(this: PacketParser): boolean {
    if (!parseLength()) return false
    if (this.packet.length <= maxBytes) return true
    onRefused(this.packet.length)
    return this._emitError(new Error(`${this.packet.cmd ?? 'packet'} of ${this.packet.length} bytes is over the limit of ${maxBytes}`))
  }
}
