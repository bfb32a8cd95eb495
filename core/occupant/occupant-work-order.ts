import type { OccupantRequest } from './occupant-request.js'

const TITLE_SUMMARY_CHARS = 80

/**
 * The title and description of the work order an occupant's fault becomes: their words, and a
 * link back to the request (where staff find the photo and any contact details). Pure.
 */
export function occupantWorkOrderText(request: OccupantRequest, equipmentName: string, requestUrl: string): { title: string; description: string } {
  const firstLine = request.description.split('\n').find((line) => line.trim() !== '')?.trim() ?? ''
  const summary = firstLine.length > TITLE_SUMMARY_CHARS ? `${firstLine.slice(0, TITLE_SUMMARY_CHARS - 1).trimEnd()}…` : firstLine
  const extras = [request.photo === undefined ? undefined : 'with a photo', request.contact === undefined ? undefined : 'with contact details'].filter((part) => part !== undefined)
  return {
    title: `Occupant report, ${equipmentName}: ${summary}`,
    description: [
      request.description,
      '',
      `Reported by an occupant on the equipment's QR page${extras.length === 0 ? '' : ` (${extras.join(', ')})`}: request ${request.id}, ${requestUrl}`
    ].join('\n')
  }
}
