import { ACTION_VERSION } from '../common/action-version.js'

/** The built-in engine's name and version: the action's own, since it ships inside it. */
export const NATIVE_ENGINE_NAME = 'native'
export const NATIVE_ENGINE_VERSION = ACTION_VERSION
