// A single-node Garage (a production S3 server: it checks signatures and regions) on loopback, in
// its own temporary directory, with one key, the buckets asked for, and a website endpoint that
// serves chosen buckets to anonymous readers, as Zero-OS nodes read blobs and manifests.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { freePorts } from './ports.js'

const run = promisify(execFile)

/** Garage key ids are GK and 24 hex digits; secrets are 64 hex digits. */
export const GARAGE_ACCESS_KEY = 'GK1f1a57c0ffee5e11ab1e0042'
export const GARAGE_SECRET_KEY = '7d1b5e2c9a04f3e8b6c1d0a9f8e7d6c5b4a39281706f5e4d3c2b1a0918273645'
export const GARAGE_REGION = 'garage'
/** Website requests name the bucket by host: `<bucket>.<root domain>`. */
export const GARAGE_WEB_DOMAIN = 'web.garage.test'

/** The garage binary: on PATH, else where scripts/install-garage.sh puts it. */
export function garageBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'garage'))) return join(dir, 'garage')
  }
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin', 'garage')
  return existsSync(cargoBin) ? cargoBin : undefined
}

export interface TestGarage {
  /** http://127.0.0.1:PORT, the S3 API. */
  endpoint: string
  host: string
  port: number
  region: string
  accessKey: string
  secretKey: string
  /** The server process, for its CPU time. */
  pid: number
  /** Port of the website endpoint (anonymous GETs, bucket named by the Host header). */
  webPort: number
  /** Runs the garage CLI against this node; resolves with its stdout. */
  cli(args: string[]): Promise<string>
  /** Creates a bucket the key may read, write and own. */
  createBucket(name: string): Promise<void>
  /**
   * Serves a bucket anonymously on the website endpoint. `alias` is a global alias that is a
   * whole host name (such as `localhost`), so `http://alias:webPort/` reaches it without DNS.
   */
  publishBucket(name: string, alias?: string): Promise<void>
  /** Anonymous GET through the website endpoint, with `Host: <bucket>.<root domain>`. */
  webGet(bucket: string, key: string): Promise<{ status: number; body: Buffer }>
  stop(): Promise<void>
}

export interface TestGarageOptions {
  buckets?: string[]
}

function config(dir: string, ports: number[]): string {
  const [rpc, s3, web, admin] = ports
  return `metadata_dir = "${join(dir, 'meta')}"
data_dir = "${join(dir, 'data')}"
db_engine = "sqlite"
metadata_fsync = false
data_fsync = false
replication_factor = 1
rpc_bind_addr = "127.0.0.1:${rpc}"
rpc_public_addr = "127.0.0.1:${rpc}"
rpc_secret = "${randomBytes(32).toString('hex')}"

[s3_api]
s3_region = "${GARAGE_REGION}"
api_bind_addr = "127.0.0.1:${s3}"

[s3_web]
bind_addr = "127.0.0.1:${web}"
root_domain = ".${GARAGE_WEB_DOMAIN}"

[admin]
api_bind_addr = "127.0.0.1:${admin}"
`
}

/** Starts Garage, lays out its one node, imports the fixed key and creates the buckets. */
export async function startGarage(options: TestGarageOptions = {}): Promise<TestGarage> {
  const binary = garageBinary()
  if (!binary) throw new Error('garage is not installed: run scripts/install-garage.sh')
  const dir = mkdtempSync(join(tmpdir(), 'garage-'))
  const configPath = join(dir, 'garage.toml')
  const ports = await freePorts(4)
  writeFileSync(configPath, config(dir, ports))
  const env = { ...process.env, RUST_LOG: 'garage=warn' }
  const server: ChildProcess = spawn(binary, ['-c', configPath, 'server'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let log = ''
  server
    .stderr!.setEncoding('utf8')
    .on('data', (chunk: string) => (log = (log + chunk).slice(-4000)))
  let exited = false
  server.on('exit', () => (exited = true))

  const cli = async (args: string[]): Promise<string> => {
    const { stdout } = await run(binary, ['-c', configPath, ...args], { env })
    return stdout
  }
  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise(resolve => server.once('exit', resolve))
      server.kill('SIGTERM')
      const kill = setTimeout(() => server.kill('SIGKILL'), 5000)
      await gone
      clearTimeout(kill)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  /** Runs a command once the server answers it: at first it may not listen for RPC yet. */
  const whenAnswered = async (args: string[]): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      if (exited) throw new Error(`garage server exited:\n${log}`)
      try {
        return await cli(args)
      } catch (error) {
        if (attempt > 100) throw new Error(`garage did not answer:\n${log}`, { cause: error })
        await sleep(100)
      }
    }
  }

  try {
    const nodeId = (await whenAnswered(['node', 'id', '-q'])).trim().split('@')[0]
    // The first command that needs the server's RPC: loaded machines were seen to refuse it.
    await whenAnswered(['status'])
    await cli(['layout', 'assign', '-z', 'dc1', '-c', '1G', nodeId])
    await cli(['layout', 'apply', '--version', '1'])
    await cli(['key', 'import', '--yes', '-n', 'test', GARAGE_ACCESS_KEY, GARAGE_SECRET_KEY])
  } catch (error) {
    await stop()
    throw error
  }

  const [, s3Port, webPort] = ports
  const garage: TestGarage = {
    endpoint: `http://127.0.0.1:${s3Port}`,
    host: '127.0.0.1',
    port: s3Port,
    region: GARAGE_REGION,
    accessKey: GARAGE_ACCESS_KEY,
    secretKey: GARAGE_SECRET_KEY,
    pid: server.pid!,
    webPort,
    cli,
    async createBucket(name) {
      await cli(['bucket', 'create', name])
      await cli(['bucket', 'allow', '--read', '--write', '--owner', name, '--key', 'test'])
    },
    async publishBucket(name, alias) {
      await cli(['bucket', 'website', '--allow', name])
      if (alias) await cli(['bucket', 'alias', name, alias])
    },
    webGet: (bucket, key) => webGet(webPort, `${bucket}.${GARAGE_WEB_DOMAIN}`, key),
    stop
  }
  try {
    for (const bucket of options.buckets ?? []) await garage.createBucket(bucket)
    await waitForS3(garage)
  } catch (error) {
    await stop()
    throw error
  }
  return garage
}

/** The S3 API answers once the layout has reached it; before that it refuses with 503. */
async function waitForS3(garage: TestGarage): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${garage.endpoint}/`).catch(() => undefined)
    // Anonymous: a 403 means the API is up and checking credentials.
    if (response && response.status !== 503) return
    if (attempt > 100) throw new Error(`garage S3 API at ${garage.endpoint} did not come up`)
    await sleep(100)
  }
}

function webGet(
  port: number,
  host: string,
  key: string
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const path = `/${key.split('/').map(encodeURIComponent).join('/')}`
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, response => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) })
      )
      response.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** The action's S3 inputs for a bucket of this node, optionally reached through a proxy. */
export function garageS3Inputs(
  garage: TestGarage,
  bucket: string,
  options: { prefix?: string; endpoint?: string } = {}
): Record<string, string> {
  return {
    's3-endpoint': options.endpoint ?? garage.endpoint,
    's3-region': garage.region,
    's3-bucket': bucket,
    ...(options.prefix === undefined ? {} : { 's3-prefix': options.prefix }),
    's3-access-key': garage.accessKey,
    's3-secret-key': garage.secretKey
  }
}
