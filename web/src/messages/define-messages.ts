/**
 * One area's strings in every language. The Chinese table must have exactly the English keys, so a
 * missing translation is a type error, not a blank on screen. `{name}` marks a value filled in by
 * `translate`.
 */
export function defineMessages<const English extends Record<string, string>>(messages: { en: English; 'zh-CN': { [K in keyof English]: string } }) {
  return messages
}
