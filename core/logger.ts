import { pino } from 'pino'
import type { Logger } from 'pino'
import type { LogLevel } from './config/config.js'

export type { Logger }

/** One JSON logger per process; parts take a child with their name (`logger.child({ part: 'ingest' })`). */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination)
}
