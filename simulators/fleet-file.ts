import { readFile } from 'node:fs/promises'
import { LineCounter, isNode, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import { EQUIPMENT_TYPES, isEquipmentType } from '../core/domain/equipment.js'
import type { Building, Device, Equipment, Site } from '../core/domain/equipment.js'
import type { Fleet } from '../core/domain/fleet.js'
import { isValidId } from '../core/domain/ids.js'

/** Every problem in a fleet file, each as `file:line path: what is wrong`. */
export class FleetFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: readonly string[]
  ) {
    super(`Invalid fleet file ${fileName}:\n  - ${problems.join('\n  - ')}`)
    this.name = 'FleetFileError'
  }
}

export async function loadFleetFile(file: string): Promise<Fleet> {
  return parseFleet(await readFile(file, 'utf8'), file)
}

type FieldPath = (string | number)[]
type Fields = Record<string, unknown>

const SITE_FIELDS = ['id', 'name', 'timezone', 'buildings']
const BUILDING_FIELDS = ['id', 'name', 'equipment']
const EQUIPMENT_FIELDS = ['id', 'type', 'name', 'location', 'device']

/** Parses a fleet file's text (sites → buildings → equipment); throws FleetFileError listing every problem. */
export function parseFleet(text: string, fileName: string): Fleet {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const problems: string[] = []
  for (const error of doc.errors) problems.push(`${fileName}:${lineCounter.linePos(error.pos[0]).line} ${error.message.split('\n')[0] ?? ''}`)
  if (problems.length > 0) throw new FleetFileError(fileName, problems)

  const line = (fieldPath: FieldPath): number => lineOf(doc, lineCounter, fieldPath)
  const problem = (fieldPath: FieldPath, message: string): void => {
    problems.push(`${fileName}:${line(fieldPath)} ${displayPath(fieldPath)}: ${message}`)
  }
  const fleet: Fleet = { sites: [], buildings: [], equipment: [], devices: [] }
  const firstLine = { site: new Map<string, number>(), building: new Map<string, number>(), equipment: new Map<string, number>(), device: new Map<string, number>() }

  const readFields = (value: unknown, fieldPath: FieldPath, what: string, allowed: readonly string[]): Fields | undefined => {
    if (!isRecord(value)) {
      problem(fieldPath, `expected ${what} (a mapping with ${allowed.join(', ')})`)
      return undefined
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) problem([...fieldPath, key], `unknown field (expected ${allowed.join(', ')})`)
    }
    return value
  }
  const readText = (fields: Fields, fieldPath: FieldPath, key: string): string | undefined => {
    const value = fields[key]
    if (typeof value === 'string' && value.trim() !== '') return value
    problem([...fieldPath, key], `required text, got ${JSON.stringify(value)}`)
    return undefined
  }
  const readId = (fields: Fields, fieldPath: FieldPath, key: string, kind: keyof typeof firstLine): string | undefined => {
    const value = readText(fields, fieldPath, key)
    if (value === undefined) return undefined
    if (!isValidId(value)) {
      problem([...fieldPath, key], `${kind} id ${JSON.stringify(value)} must be 1–63 lowercase letters, digits and dashes, starting with a letter or digit`)
      return undefined
    }
    const seen = firstLine[kind].get(value)
    if (seen !== undefined) {
      problem([...fieldPath, key], `${kind} id ${value} is already used at line ${seen}`)
      return undefined
    }
    firstLine[kind].set(value, line([...fieldPath, key]))
    return value
  }
  const readList = (fields: Fields, fieldPath: FieldPath, key: string, what: string): unknown[] => {
    const value = fields[key]
    if (Array.isArray(value) && value.length > 0) return value
    problem([...fieldPath, key], `expected a non-empty list of ${what}`)
    return []
  }

  const root: unknown = doc.toJS()
  const rootFields = readFields(root ?? {}, [], 'the fleet', ['sites'])
  if (rootFields === undefined) throw new FleetFileError(fileName, problems)

  readList(rootFields, [], 'sites', 'sites').forEach((rawSite, siteIndex) => {
    const sitePath = ['sites', siteIndex]
    const site = readFields(rawSite, sitePath, 'a site', SITE_FIELDS)
    if (site === undefined) return
    const siteId = readId(site, sitePath, 'id', 'site')
    const siteName = readText(site, sitePath, 'name')
    const timezone = readText(site, sitePath, 'timezone')
    if (timezone !== undefined && !isTimeZone(timezone)) problem([...sitePath, 'timezone'], `unknown IANA time zone ${JSON.stringify(timezone)} (e.g. Asia/Shanghai)`)
    if (siteId !== undefined && siteName !== undefined && timezone !== undefined) {
      fleet.sites.push({ id: siteId, name: siteName, timezone } satisfies Site)
    }

    readList(site, sitePath, 'buildings', 'buildings').forEach((rawBuilding, buildingIndex) => {
      const buildingPath = [...sitePath, 'buildings', buildingIndex]
      const building = readFields(rawBuilding, buildingPath, 'a building', BUILDING_FIELDS)
      if (building === undefined) return
      const buildingId = readId(building, buildingPath, 'id', 'building')
      const buildingName = readText(building, buildingPath, 'name')
      if (siteId !== undefined && buildingId !== undefined && buildingName !== undefined) {
        fleet.buildings.push({ id: buildingId, siteId, name: buildingName } satisfies Building)
      }

      readList(building, buildingPath, 'equipment', 'equipment').forEach((rawEquipment, equipmentIndex) => {
        const equipmentPath = [...buildingPath, 'equipment', equipmentIndex]
        const equipment = readFields(rawEquipment, equipmentPath, 'a piece of equipment', EQUIPMENT_FIELDS)
        if (equipment === undefined) return
        const id = readId(equipment, equipmentPath, 'id', 'equipment')
        const type = readText(equipment, equipmentPath, 'type')
        if (type !== undefined && !isEquipmentType(type)) problem([...equipmentPath, 'type'], `expected one of ${EQUIPMENT_TYPES.join(', ')}, got ${JSON.stringify(type)}`)
        const name = readText(equipment, equipmentPath, 'name')
        const location = readText(equipment, equipmentPath, 'location')
        const deviceId = readId(equipment, equipmentPath, 'device', 'device')
        if (siteId === undefined || buildingId === undefined || id === undefined || type === undefined || !isEquipmentType(type)) return
        if (name === undefined || location === undefined || deviceId === undefined) return
        fleet.equipment.push({ id, siteId, buildingId, type, name, location } satisfies Equipment)
        fleet.devices.push({ id: deviceId, equipmentId: id, siteId, buildingId, equipmentType: type } satisfies Device)
      })
    })
  })

  if (problems.length > 0) throw new FleetFileError(fileName, problems)
  return fleet
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** `sites.0.buildings.1.id` reads as `sites[0].buildings[1].id`. */
function displayPath(fieldPath: FieldPath): string {
  if (fieldPath.length === 0) return '(root)'
  return fieldPath.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}

/** The line of the deepest node on `fieldPath` that exists: the field itself, else what should hold it. */
function lineOf(doc: Document, lineCounter: LineCounter, fieldPath: FieldPath): number {
  for (let depth = fieldPath.length; depth > 0; depth--) {
    const node = doc.getIn(fieldPath.slice(0, depth), true)
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
  }
  return 1
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
