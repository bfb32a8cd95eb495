import { Type } from '@sinclair/typebox'
import { EQUIPMENT_TYPES } from '../core/domain/equipment.js'
import { ID_PATTERN_SOURCE } from '../core/domain/ids.js'
import { DeviceCredentialsSchema, DeviceSchema, Id, literals } from './schemas.js'

/** Request and response shapes of the registry: sites, buildings, equipment, devices. */

const Name = (example: string) => Type.String({ minLength: 1, maxLength: 200, examples: [example] })
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone: shifts, certificate dates and load cycles are read in it', examples: ['Asia/Shanghai'] })
const Location = Type.String({ minLength: 1, maxLength: 500, description: 'Where an engineer finds it, in words', examples: ['Tower A, basement plant room B2'] })

export const SiteSchema = Type.Object(
  { id: Id, name: Type.String(), timezone: Type.String() },
  { $id: 'Site', examples: [{ id: 'harbour-view', name: 'Harbour View Towers', timezone: 'Asia/Shanghai' }] }
)

export const NewSiteSchema = Type.Object(
  { id: Id, name: Name('Harbour View Towers'), timezone: TimeZone },
  { additionalProperties: false, examples: [{ id: 'harbour-view', name: 'Harbour View Towers', timezone: 'Asia/Shanghai' }] }
)

export const SitePatchSchema = Type.Object(
  { name: Type.Optional(Name('Harbour View Towers')), timezone: Type.Optional(TimeZone) },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Harbour View Towers (east)' }] }
)

export const BuildingSchema = Type.Object(
  { id: Id, siteId: Id, name: Type.String() },
  { $id: 'Building', examples: [{ id: 'hv-tower-a', siteId: 'harbour-view', name: 'Tower A' }] }
)

export const NewBuildingSchema = Type.Object(
  { id: Id, siteId: Id, name: Name('Tower A') },
  { additionalProperties: false, examples: [{ id: 'hv-tower-a', siteId: 'harbour-view', name: 'Tower A' }] }
)

export const BuildingPatchSchema = Type.Object(
  { name: Name('Tower A') },
  { additionalProperties: false, description: 'A building stays on its site; to move one, delete it and create it again', examples: [{ name: 'Tower A (north)' }] }
)

export const NewEquipmentSchema = Type.Object(
  {
    id: Id,
    buildingId: Type.String({ pattern: ID_PATTERN_SOURCE, description: 'Its building; the site follows from it', examples: ['hv-tower-a'] }),
    type: literals(EQUIPMENT_TYPES),
    name: Name('Tower A domestic water booster pump 1'),
    location: Location
  },
  {
    additionalProperties: false,
    examples: [{ id: 'hv-a-pump-3', buildingId: 'hv-tower-a', type: 'pump', name: 'Tower A domestic water booster pump 3', location: 'Tower A, basement plant room B2' }]
  }
)

export const EquipmentPatchSchema = Type.Object(
  { name: Type.Optional(Name('Tower A domestic water booster pump 3')), location: Type.Optional(Location) },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Type, building and QR code stay: devices, rules and stored readings depend on them',
    examples: [{ location: 'Tower A, basement plant room B3' }]
  }
)

export const NewDeviceSchema = Type.Object(
  { id: Type.String({ pattern: ID_PATTERN_SOURCE, description: 'Also its MQTT username and client id', examples: ['hv-a-pump-3-gw'] }), equipmentId: Id },
  { additionalProperties: false, examples: [{ id: 'hv-a-pump-3-gw', equipmentId: 'hv-a-pump-3' }] }
)

export const CreatedDeviceSchema = Type.Object(
  { device: DeviceSchema, credentials: DeviceCredentialsSchema },
  {
    description: 'The new device and its MQTT credentials; the password is shown this once',
    examples: [
      {
        device: { id: 'hv-a-pump-3-gw', equipmentId: 'hv-a-pump-3', siteId: 'harbour-view', buildingId: 'hv-tower-a', equipmentType: 'pump' },
        credentials: { deviceId: 'hv-a-pump-3-gw', username: 'hv-a-pump-3-gw', password: 'Yb0c6Q1m0n6Yl0wS3m9p4cT8xJ2kZ7rA', rotatedAt: '2026-11-30T08:00:00.000Z' }
      }
    ]
  }
)
