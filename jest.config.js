/** Jest runs the TypeScript sources as native ES modules (the @actions/* packages are ESM-only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // Garage and the Rust reader need builds first: `npm run test:garage` (jest.garage.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/garage/'],
  // In-process packs start the block worker from its source: scripts/block-worker-from-source.mjs.
  globalSetup: '<rootDir>/scripts/jest-global-setup.mjs',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  maxWorkers: 2
}
