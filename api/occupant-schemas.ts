import { Type } from '@sinclair/typebox'
import { EQUIPMENT_TYPES } from '../core/domain/equipment.js'
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, OCCUPANT_MESSAGE_KINDS, OCCUPANT_REQUEST_ID_PATTERN, OCCUPANT_REQUEST_STATUSES } from '../core/occupant/occupant-request.js'
import { SELF_HELP_TIP_ID_PATTERN, TIP_BODY_MAX_CHARS, TIP_TITLE_MAX_CHARS } from '../core/occupant/self-help-tip.js'
import { PhotoRefSchema } from './photos/photo-schemas.js'
import { Id, IsoTime, literals } from './schemas.js'

/** Shapes of the staff routes for occupants' requests, feedback and self-help tips. */

export const OccupantRequestId = Type.String({ pattern: OCCUPANT_REQUEST_ID_PATTERN, examples: ['RQ-000012'] })
export const SelfHelpTipId = Type.String({ pattern: SELF_HELP_TIP_ID_PATTERN, examples: ['tip-3'] })
export const EquipmentTypeParam = literals(EQUIPMENT_TYPES)

export const OccupantRequestSchema = Type.Object(
  {
    id: OccupantRequestId,
    kind: literals(OCCUPANT_MESSAGE_KINDS),
    status: Type.Union(OCCUPANT_REQUEST_STATUSES.map((s) => Type.Literal(s)), { description: 'open: not handled yet; answered: feedback answered; work_order: the fault became the work order workOrderId' }),
    equipmentId: Id,
    equipmentType: literals(EQUIPMENT_TYPES),
    siteId: Id,
    buildingId: Id,
    description: Type.String({ examples: ['The lift stops between floors 3 and 4'] }),
    contact: Type.Optional(Type.String({ description: 'Left by the occupant to be called back; personal data' })),
    photo: Type.Optional(PhotoRefSchema),
    createdAt: IsoTime,
    workOrderId: Type.Optional(Type.String({ examples: ['WO-000042'] })),
    answer: Type.Optional(
      Type.Object(
        { text: Type.String(), at: IsoTime, by: Type.String(), adopted: Type.Optional(Type.Boolean({ description: 'A suggestion staff took up' })) },
        { description: 'Shown to the occupant on their follow page' }
      )
    )
  },
  { $id: 'OccupantRequest' }
)

export const OccupantRequestListQuery = Type.Object(
  {
    kind: Type.Optional(literals(OCCUPANT_MESSAGE_KINDS)),
    status: Type.Optional(literals(OCCUPANT_REQUEST_STATUSES)),
    siteId: Type.Optional(Id),
    equipmentId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
  },
  { additionalProperties: false }
)

export const FeedbackListQuery = Type.Object(
  {
    kind: Type.Optional(literals(FEEDBACK_KINDS)),
    status: Type.Optional(literals(FEEDBACK_STATUSES)),
    siteId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
  },
  { additionalProperties: false }
)

export const FeedbackAnswerBody = Type.Object(
  {
    answer: Type.String({ minLength: 1, maxLength: 2000, examples: ['Thank you: the lobby heating is now on from 6:00.'] }),
    adopted: Type.Optional(Type.Boolean({ description: "For a suggestion: staff took it up. Counted in the engineers' monthly scorecard (improvement) at the suggestion's site." }))
  },
  { additionalProperties: false }
)

export const FeedbackCountsSchema = Type.Object({
  items: Type.Array(
    Type.Object({ siteId: Id, kind: literals(FEEDBACK_KINDS), status: literals(FEEDBACK_STATUSES), count: Type.Integer({ minimum: 1 }) }),
    { description: 'One row per site, kind and status that has any; a missing row is 0' }
  )
})

export const SelfHelpTipSchema = Type.Object(
  {
    id: SelfHelpTipId,
    title: Type.String(),
    body: Type.String(),
    updatedAt: IsoTime,
    updatedBy: Type.String()
  },
  { $id: 'SelfHelpTip' }
)

export const SelfHelpTipBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TIP_TITLE_MAX_CHARS, examples: ['The lift does not come'] }),
    body: Type.String({ minLength: 1, maxLength: TIP_BODY_MAX_CHARS, examples: ['Check that the call button lit up. Wait two minutes, or try another lift.'] })
  },
  { additionalProperties: false }
)
