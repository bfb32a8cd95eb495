/** Advice staff write for occupants, shown on an equipment's QR page before the report form. */
export interface SelfHelpTip {
  /** `tip-` and a number, in the order tips were written. */
  id: string
  title: string
  body: string
  updatedAt: string
  updatedBy: string
}

export const TIP_TITLE_MAX_CHARS = 120
export const TIP_BODY_MAX_CHARS = 1000
export const SELF_HELP_TIP_ID_PATTERN = '^tip-\\d{1,9}$'

/** Tips in the order staff wrote them (their ids are numbered). Pure. */
export function inWrittenOrder(tips: readonly SelfHelpTip[]): SelfHelpTip[] {
  return [...tips].sort((a, b) => tipNumber(a.id) - tipNumber(b.id))
}

function tipNumber(id: string): number {
  return Number(id.slice(4))
}
