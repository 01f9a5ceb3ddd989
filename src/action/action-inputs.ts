// Generated from action.yml by scripts/action-inputs.mjs (npm run bundle): edit action.yml.
export const ACTION_INPUTS = [
  {
    name: 'project-root',
    description:
      'Root of the Zero-OS build project (holds config/, initramfs/, firmware/, components/).',
    default: '${{ github.workspace }}',
    required: false
  },
  {
    name: 'config-dir',
    description: 'Directory of build.conf, kernel.config and rfs.conf, relative to project-root.',
    default: 'config',
    required: false
  },
  {
    name: 'kernel-version',
    description: 'Base kernel version (e.g. 6.12.44); replaces KERNEL_VERSION from build.conf.',
    default: '',
    required: false
  },
  {
    name: 'modules-dir',
    description:
      'Modules tree to pack; default /lib/modules/<full>, then initramfs/lib/modules/<full>.',
    default: '',
    required: false
  },
  {
    name: 'firmware-dir',
    description: 'Firmware tree to pack; default firmware/, then initramfs/lib/firmware.',
    default: '',
    required: false
  },
  {
    name: 'firmware-tag',
    description:
      'Tag in the firmware flist name; default FIRMWARE_TAG from rfs.conf, else the UTC date YYYYMMDD of the source date (SOURCE_DATE_EPOCH, else the last commit), on which every leg and rerun of one commit agree.',
    default: '',
    required: false
  },
  {
    name: 'flists',
    description: 'Which flists to build, comma-separated; modules, firmware or both.',
    default: 'modules,firmware',
    required: false
  },
  {
    name: 'output-dir',
    description: 'Where the .fl files are written, relative to project-root.',
    default: 'dist/flists',
    required: false
  },
  {
    name: 's3-endpoint',
    description: 'S3 endpoint URL (https://host[:port]); overrides S3_ENDPOINT from rfs.conf.',
    default: '',
    required: false
  },
  {
    name: 's3-region',
    description: 'S3 region; overrides S3_REGION from rfs.conf.',
    default: '',
    required: false
  },
  {
    name: 's3-bucket',
    description: 'Bucket that holds the blobs; overrides S3_BUCKET from rfs.conf.',
    default: '',
    required: false
  },
  {
    name: 's3-prefix',
    description:
      'Key prefix of the manifests (PREFIX/manifests/NAME); overrides S3_PREFIX from rfs.conf.',
    default: '',
    required: false
  },
  {
    name: 's3-access-key',
    description:
      'S3 access key id; overrides S3_ACCESS_KEY from rfs.conf. Without one (and without a secret), the built-in engine signs with the AWS default credential chain.',
    default: '',
    required: false
  },
  {
    name: 's3-secret-key',
    description: 'S3 secret key (pass it from secrets); overrides S3_SECRET_KEY from rfs.conf.',
    default: '',
    required: false
  },
  {
    name: 'manifest-bucket',
    description:
      'Bucket for the .fl manifests when it is not the blob bucket; overrides MANIFEST_BUCKET.',
    default: '',
    required: false
  },
  {
    name: 'public-url',
    description:
      'Public base URL of the manifest bucket, to which the object key PREFIX/manifests/NAME is appended (e.g. https://cdn.example.com/zos-flists); overrides PUBLIC_URL.',
    default: '',
    required: false
  },
  {
    name: 'store',
    description:
      'Explicit rfs store specs, one a line ([xx-xx=]url), replacing the S3-derived store.',
    default: '',
    required: false
  },
  {
    name: 'read-store',
    description:
      'Store specs recorded as routes in the flists for readers; default the write store without password.',
    default: '',
    required: false
  },
  {
    name: 'engine',
    description: 'Packer, native (the built-in packer) or rfs (the reference binary).',
    default: 'native',
    required: false
  },
  {
    name: 'rfs-path',
    description: 'Path of an rfs binary to use.',
    default: '',
    required: false
  },
  {
    name: 'rfs-version',
    description:
      'rfs release tag to run, download or cache; default v2.0.6. When set, an rfs of another version found on PATH is skipped.',
    default: '',
    required: false
  },
  {
    name: 'rfs-sha256',
    description: 'Expected sha256 of the downloaded rfs binary.',
    default: '',
    required: false
  },
  {
    name: 'rfs-build',
    description: 'Build rfs from source, auto (when no binary is found), always or never.',
    default: 'auto',
    required: false
  },
  {
    name: 'rfs-source',
    description: 'rfs source tree to build from, relative to project-root.',
    default: 'components/rfs',
    required: false
  },
  {
    name: 'rfs-download-url',
    description: 'URL of the rfs binary; default the GitHub release asset of rfs-version.',
    default: '',
    required: false
  },
  {
    name: 'verify',
    description:
      'Check after packing, none, exists (every block is in the store), full (download and decode every block) or rfs (the rfs binary unpacks each flist, compared with its source tree).',
    default: 'exists',
    required: false
  },
  {
    name: 'overwrite',
    description: 'Replace a published manifest whose content differs.',
    default: 'false',
    required: false
  },
  {
    name: 'tags',
    description: 'Extra key=value tags written into both flists, one a line or comma-separated.',
    default: '',
    required: false
  },
  {
    name: 'owner',
    description: 'UID:GID recorded for every entry (e.g. 0:0); default the owner found on disk.',
    default: '',
    required: false
  },
  {
    name: 's3-max-attempts',
    description:
      'Tries of each S3 request before the run fails; 5xx, throttling, timeouts and resets are retried with backoff.',
    default: '6',
    required: false
  },
  {
    name: 's3-request-timeout',
    description: 'Seconds one S3 request may take before it is abandoned and retried.',
    default: '60',
    required: false
  },
  {
    name: 'aliases',
    description:
      'Moving names published after both flists as copies of their manifests and replaced each run, e.g. modules=modules-6.12-latest.fl; one a line or comma-separated.',
    default: '',
    required: false
  },
  {
    name: 'zinit-units',
    description:
      'Write zinit units that fetch, check and mount the flists at boot into output-dir/zinit (in a dry run too).',
    default: 'false',
    required: false
  },
  {
    name: 'zinit-network-unit',
    description: 'The zinit unit that brings up the network the node fetches the flists over.',
    default: 'internet',
    required: false
  },
  {
    name: 'zinit-manifest-url',
    description:
      'Base URL the node fetches the manifests from (the flist names follow it); default each flist URL.',
    default: '',
    required: false
  },
  {
    name: 'zinit-cache-dir',
    description: 'Directory on the node for the fetched flists and the rfs block cache.',
    default: '/run/flists',
    required: false
  },
  {
    name: 'dry-run',
    description:
      'Compute and print the plan and its outputs, also before the trees exist and without the secret; write nothing but the zinit units (when zinit-units is on).',
    default: 'false',
    required: false
  },
  {
    name: 'summary',
    description: 'Write the job summary (on success and on failure); false turns it off.',
    default: 'true',
    required: false
  }
] as const
