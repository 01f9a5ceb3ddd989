// The built-in engine: packs in-process, no binary to fetch.
import type { FlistCounts, PackEngine, PackRequest } from '../engine.js'
import { readKnownBlocks } from '../flist/known-blocks.js'
import { packTree } from '../flist/pack.js'
import { NATIVE_ENGINE_NAME, NATIVE_ENGINE_VERSION } from '../flist/version.js'
import { openStores } from '../store/open.js'

export class NativeEngine implements PackEngine {
  readonly name = NATIVE_ENGINE_NAME
  readonly version = NATIVE_ENGINE_VERSION

  async pack(request: PackRequest): Promise<FlistCounts> {
    const knownBlocks =
      request.previousFlist === undefined
        ? undefined
        : await readKnownBlocks(request.previousFlist, `${this.name} ${this.version}`)
    return packTree({
      source: request.source,
      flistPath: request.flistPath,
      stores: await openStores(request.writeStores, 'write', {
        signal: request.signal,
        s3Requests: request.s3Requests
      }),
      routes: request.routes,
      tags: request.tags,
      owner: request.owner,
      sourceDateEpoch: request.sourceDateEpoch,
      signal: request.signal,
      log: request.log,
      label: request.kind,
      encodedLengths: request.encodedLengths,
      knownBlocks
    })
  }
}

export function createNativeEngine(): NativeEngine {
  return new NativeEngine()
}
