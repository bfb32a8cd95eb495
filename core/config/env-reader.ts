/**
 * Reads environment variables into typed values and collects every problem instead of stopping
 * at the first, so an operator fixes a bad deployment in one pass.
 */
export type Env = Readonly<Record<string, string | undefined>>

export interface VariableDoc {
  name: string
  default: string
  description: string
}

export class ConfigError extends Error {
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`Invalid configuration (fix these environment variables and start again):\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export class EnvReader {
  readonly problems: string[] = []
  readonly documented: VariableDoc[] = []

  constructor(private readonly env: Env) {}

  private raw(name: string, fallback: string, description: string): string | undefined {
    this.documented.push({ name, default: fallback, description })
    const value = this.env[name]
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }

  string(name: string, fallback: string, description: string): string {
    return this.raw(name, fallback, description) ?? fallback
  }

  optionalString(name: string, description: string): string | undefined {
    return this.raw(name, '(unset)', description)
  }

  int(name: string, fallback: number, description: string, range: { min?: number; max?: number } = {}): number {
    const value = this.raw(name, String(fallback), description)
    if (value === undefined) return fallback
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name}=${JSON.stringify(value)}: expected a whole number from ${min} to ${max}`)
      return fallback
    }
    return parsed
  }

  port(name: string, fallback: number, description: string): number {
    return this.int(name, fallback, description, { min: 0, max: 65535 })
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T, description: string): T {
    const value = this.raw(name, fallback, `${description} One of: ${allowed.join(', ')}.`)
    if (value === undefined) return fallback
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}=${JSON.stringify(value)}: expected one of ${allowed.join(', ')}`)
      return fallback
    }
    return value as T
  }

  url(name: string, description: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name, '(unset)', description)
    if (value === undefined) return undefined
    try {
      const parsed = new URL(value)
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name}=${JSON.stringify(value)}: expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`)
        return undefined
      }
      return value
    } catch {
      this.problems.push(`${name}=${JSON.stringify(value)}: not a valid URL`)
      return undefined
    }
  }

  /** Durations written as 30d, 12h, 15m, 90s or plain milliseconds; returns milliseconds. */
  duration(name: string, fallback: string, description: string): number {
    const value = this.raw(name, fallback, description) ?? fallback
    const ms = parseDurationMs(value)
    if (ms === undefined) {
      this.problems.push(`${name}=${JSON.stringify(value)}: expected a duration such as 30d, 12h, 15m, 90s or 500ms`)
      return parseDurationMs(fallback) ?? 0
    }
    return ms
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d|w)?$/.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1)
}
