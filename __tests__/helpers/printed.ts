// What the code under test prints through @actions/core (info, warning, notice go to stdout).

/** Runs `run` and returns what it wrote to stdout meanwhile, which is not passed on. */
export async function printed(run: () => unknown): Promise<string> {
  const chunks: string[] = []
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) =>
    chunks.push(String(chunk)) > 0) as typeof write
  try {
    await run()
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}
