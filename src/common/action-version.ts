/** Written into every flist's tags and shown by --version. Kept in step with package.json by a test. */
export const ACTION_NAME = 'rfs-flist-action'
export const ACTION_VERSION = '1.0.0'
