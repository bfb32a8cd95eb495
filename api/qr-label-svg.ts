import QRCode from 'qrcode'

const QUIET_ZONE_MODULES = 4

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/** One path for the dark modules, a rectangle per horizontal run: a fraction of the size of one per module. */
function modulesPath(modules: QRCode.BitMatrix): string {
  const parts: string[] = []
  for (let row = 0; row < modules.size; row++) {
    let col = 0
    while (col < modules.size) {
      if (modules.get(row, col) === 0) {
        col++
        continue
      }
      const start = col
      while (col < modules.size && modules.get(row, col) !== 0) col++
      parts.push(`M${start + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h${col - start}v1h${start - col}z`)
    }
  }
  return parts.join('')
}

/**
 * A printable sticker: the QR code of `url`, with `code` below it in large type (so it can be
 * typed where the camera fails) and the equipment's name. Error correction level Q survives a
 * quarter of the symbol scuffed off, which stickers in plant rooms are.
 */
export function qrLabelSvg(label: { url: string; code: string; name: string }): string {
  const { modules } = QRCode.create(label.url, { errorCorrectionLevel: 'Q' })
  const width = modules.size + 2 * QUIET_ZONE_MODULES
  const height = Math.round(width * 1.3)
  const name = label.name.length > 48 ? `${label.name.slice(0, 47)}…` : label.name
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="50mm" height="${(50 * height) / width}mm" shape-rendering="crispEdges">`,
    `<title>${escapeXml(`${label.name}: ${label.url}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<path fill="#000" d="${modulesPath(modules)}"/>`,
    `<text x="${width / 2}" y="${width + width * 0.1}" text-anchor="middle" font-family="monospace" font-size="${(width * 0.11).toFixed(2)}" letter-spacing="${(width * 0.01).toFixed(2)}">${escapeXml(label.code)}</text>`,
    `<text x="${width / 2}" y="${width + width * 0.22}" text-anchor="middle" font-family="sans-serif" font-size="${(width * 0.05).toFixed(2)}">${escapeXml(name)}</text>`,
    '</svg>'
  ].join('\n')
}
