import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'

/** True on Debian, Ubuntu and their derivatives, as root, with apt-get on the PATH. */
export async function canInstallWithApt(findBinary: (name: string) => Promise<string | undefined>): Promise<boolean> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  if ((await findBinary('apt-get')) === undefined) return false
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '')
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease)
}

/** `apt-get update` then `apt-get install -y <packages>`, output passed through so the user sees it. */
export async function aptInstall(packages: readonly string[]): Promise<void> {
  await run('apt-get', ['update'])
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages])
}

async function run(command: string, args: readonly string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}
