import { readFile } from 'node:fs/promises'
import { DEFAULT_SCORECARD, ScorecardFileError, parseScorecardConfig } from '../../core/analytics/scorecard-config.js'
import type { ScorecardConfig } from '../../core/analytics/scorecard-config.js'

/** The scorecard of SCORECARD_FILE, or the default one when no file is named. */
export async function loadScorecardFile(file: string | undefined): Promise<ScorecardConfig> {
  if (file === undefined) return DEFAULT_SCORECARD
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new ScorecardFileError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): fix SCORECARD_FILE or unset it for the default scorecard`])
  }
  return parseScorecardConfig(text, file)
}
