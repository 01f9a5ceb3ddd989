// Entry of the engine CLI (dist/rfs-cli/index.js): `rfs`-shaped commands run by the built-in engine.
import { endQuietlyOnClosedPipe } from './common/closed-pipe.js'
import { runCli } from './rfs-cli-commands.js'

endQuietlyOnClosedPipe()

const controller = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort(new Error(`interrupted by ${signal}`)))
}

// No top-level await: the bundle of this entry must not depend on it.
void runCli(process.argv.slice(2), {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
  signal: controller.signal
}).then(code => {
  process.exitCode = code
})
