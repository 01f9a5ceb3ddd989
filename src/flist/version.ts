/** The built-in engine's name and version, as recorded in the flists it writes. */
export const NATIVE_ENGINE_NAME = 'native'
export const NATIVE_ENGINE_VERSION = '1.0.0'
/** The producing tool, recorded in the `creator` tag. */
export const CREATOR = `rfs-flist-action ${NATIVE_ENGINE_NAME} ${NATIVE_ENGINE_VERSION}`
