import { Type } from '@sinclair/typebox'
import type { Static } from '@sinclair/typebox'
import type { Engineer, Shift } from '../core/domain/engineer.js'
import { SHIFT_END_PATTERN, SHIFT_START_PATTERN } from '../core/domain/engineer-shift.js'
import { EQUIPMENT_TYPES } from '../core/domain/equipment.js'
import { Id, literals } from './schemas.js'

/** Request and response shapes of the engineering team. */

const EquipmentType = literals(EQUIPMENT_TYPES)

const ContactSchema = Type.Object(
  {
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40, examples: ['+86 21 5555 0101'] })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200, examples: ['ana.li@example.com'] }))
  },
  { additionalProperties: false }
)

const CertificateSchema = Type.Object(
  {
    equipmentType: EquipmentType,
    number: Type.String({ minLength: 1, maxLength: 100, description: 'As printed on the certificate', examples: ['TS-EL-2024-0193'] }),
    expiresAt: Type.String({ format: 'date', description: 'Last day of validity (YYYY-MM-DD), in the local calendar of the site where the work is', examples: ['2027-06-30'] })
  },
  { additionalProperties: false }
)

const ShiftSchema = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: 'Days the shift starts on, ISO 8601: 1 Monday … 7 Sunday', examples: [[1, 2, 3, 4, 5]] }),
    start: Type.String({ pattern: SHIFT_START_PATTERN, description: 'HH:MM, site local time', examples: ['08:00'] }),
    end: Type.String({ pattern: SHIFT_END_PATTERN, description: 'HH:MM (24:00 allowed); at or before start: the shift runs past midnight into the next day', examples: ['17:00'] })
  },
  { additionalProperties: false }
)

const SiteCoverageSchema = Type.Object(
  {
    siteId: Id,
    supervisor: Type.Optional(Type.Boolean({ default: false, description: "The site's supervisor: missed response deadlines there escalate to them" }))
  },
  { additionalProperties: false }
)

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Ana Li'] }),
  contact: ContactSchema,
  skills: Type.Array(EquipmentType, { uniqueItems: true, description: 'Equipment types the engineer works on', examples: [['elevator', 'pump']] }),
  certificates: Type.Array(CertificateSchema, { maxItems: 50, description: 'Elevator and fire-system work legally needs a valid certificate for the type' }),
  shifts: Type.Array(ShiftSchema, { maxItems: 21, description: 'Weekly schedule, read in the time zone of the site where the work is' }),
  sites: Type.Array(SiteCoverageSchema, { maxItems: 100, description: 'Sites the engineer works at' })
}

const EXAMPLE = {
  id: 'ana-li',
  name: 'Ana Li',
  contact: { phone: '+86 21 5555 0101', email: 'ana.li@example.com' },
  skills: ['elevator', 'pump'],
  certificates: [{ equipmentType: 'elevator', number: 'TS-EL-2024-0193', expiresAt: '2027-06-30' }],
  shifts: [
    { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
    { days: [6], start: '22:00', end: '06:00' }
  ],
  sites: [{ siteId: 'harbour-view', supervisor: true }]
}

export const EngineerSchema = Type.Object(
  {
    id: Id,
    name: Type.String(),
    contact: ContactSchema,
    skills: Type.Array(EquipmentType),
    certificates: Type.Array(CertificateSchema),
    shifts: Type.Array(ShiftSchema),
    sites: Type.Array(Type.Object({ siteId: Id, supervisor: Type.Boolean() }))
  },
  { $id: 'Engineer', description: 'A member of the engineering team: what they work on, with which certificates, when and where', examples: [EXAMPLE] }
)

export const NewEngineerSchema = Type.Object(
  {
    id: Type.String({ pattern: Id.pattern, description: 'Permanent: work orders and tokens refer to it', examples: ['ana-li'] }),
    name: fields.name,
    contact: Type.Optional(fields.contact),
    skills: fields.skills,
    certificates: Type.Optional(fields.certificates),
    shifts: Type.Optional(fields.shifts),
    sites: Type.Optional(fields.sites)
  },
  { additionalProperties: false, examples: [EXAMPLE] }
)

export const EngineerPatchSchema = Type.Object(
  {
    name: Type.Optional(fields.name),
    contact: Type.Optional(fields.contact),
    skills: Type.Optional(fields.skills),
    certificates: Type.Optional(fields.certificates),
    shifts: Type.Optional(fields.shifts),
    sites: Type.Optional(fields.sites)
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Each field given replaces that field whole (a new certificate: send the whole list)',
    examples: [{ certificates: [{ equipmentType: 'elevator', number: 'TS-EL-2026-0412', expiresAt: '2029-06-30' }] }]
  }
)

export const EngineerQuerySchema = Type.Object(
  {
    siteId: Type.Optional(Type.String({ pattern: Id.pattern, description: 'Only engineers working at this site', examples: ['harbour-view'] })),
    availableFor: Type.Optional(
      Type.Union(
        EQUIPMENT_TYPES.map((type) => Type.Literal(type)),
        { description: 'Only engineers who could take work on this equipment type at siteId now: on shift, skilled, certified where the type needs it. Needs siteId.', examples: ['elevator'] }
      )
    )
  },
  { additionalProperties: false, examples: [{ siteId: 'harbour-view', availableFor: 'elevator' }] }
)

export const EngineerParamsSchema = Type.Object({ id: Type.String({ pattern: Id.pattern, description: 'The engineer id', examples: ['ana-li'] }) })

type EngineerFields = Static<typeof EngineerPatchSchema>

/** The stored engineer: `fields` over `base`, absent lists empty, supervisor false unless said. */
export function engineerOf(base: Engineer, fields: EngineerFields): Engineer {
  return {
    id: base.id,
    name: fields.name ?? base.name,
    contact: fields.contact ?? base.contact,
    skills: fields.skills ?? base.skills,
    certificates: fields.certificates ?? base.certificates,
    // The schema holds days to 1..7; TypeBox types them as plain numbers.
    shifts: (fields.shifts as Shift[] | undefined) ?? base.shifts,
    sites: fields.sites?.map(({ siteId, supervisor }) => ({ siteId, supervisor: supervisor ?? false })) ?? base.sites
  }
}

export const EMPTY_ENGINEER: Omit<Engineer, 'id' | 'name'> = { contact: {}, skills: [], certificates: [], shifts: [], sites: [] }
