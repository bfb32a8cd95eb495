import { createLogger } from '../../core/logger.js'
import type { Logger } from '../../core/logger.js'

/** A real pino logger that writes nowhere unless VIGIL_TEST_LOG=debug (or another level) is set. */
export function testLogger(): Logger {
  const level = process.env.VIGIL_TEST_LOG
  return createLogger(level === 'debug' || level === 'info' || level === 'warn' ? level : 'silent')
}
