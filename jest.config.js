/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2020' } }] },
  testTimeout: 120000,
  // Jest's default on CI's two cores is one worker, i.e. every suite in one process (in band): its heap
  // grows suite after suite and the run took 80 minutes there. Two workers, each replaced once it holds
  // more than 1.5 GB after a suite, keep both cores busy and the heap small.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1500MB',
  globalSetup: '<rootDir>/test/support/global-setup.js',
};
