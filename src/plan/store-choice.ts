// Why the run writes where it does, told once in the log: a run with no S3 settings goes offline,
// and one with S3 settings but no keys signs with the AWS credential chain. Neither is an error,
// and neither should happen without a word.
import { join, relative } from 'node:path'
import type { Plan } from './plan.js'
import type { Settings } from './settings.js'

/** The AWS variables the SDK's environment provider reads that are secret. */
const AWS_SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const

/** One line on the store and the credentials, when they were chosen for the user. */
export function storeChoice(plan: Plan, settings: Settings): string | undefined {
  if (settings.store) return undefined
  const conf = relative(settings.projectRoot, join(settings.configDir, 'rfs.conf'))
  if (!plan.manifests) {
    const inputs = settings.inputSource === 'flag' ? 'no --s3-* flags' : 'no s3-* inputs'
    return `no S3 settings (${inputs}, no S3_* keys in ${conf}): the blobs go to the embedded store ${plan.storeDisplay} and the manifests stay in the output directory, nothing is uploaded`
  }
  if (plan.credentialChain) {
    return 'no S3 access key is set: the S3 requests are signed with the AWS default credential chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, web identity as aws-actions/configure-aws-credentials sets up, profiles, instance role)'
  }
  return undefined
}

/** Hands the AWS secrets of the environment to `mask` before anything could print them. */
export function maskChainSecrets(
  mask: (secret: string) => void,
  env: NodeJS.ProcessEnv = process.env
): void {
  for (const name of AWS_SECRET_VARIABLES) {
    const secret = env[name]
    if (secret) mask(secret)
  }
}
