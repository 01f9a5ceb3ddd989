/**
 * The suites against real peers that take a build to have: Garage (scripts/install-garage.sh)
 * and the flist reader in __tests__/rust-reader. `npm run test:garage`.
 */
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/__tests__/garage/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300000,
  maxWorkers: 1
}
