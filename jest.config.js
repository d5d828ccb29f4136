/** Unit (pure domain), cloud (actions on a temporary SQLite store) and UI (jsdom) test projects. */
const common = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // Tests run the real server code on SQLite in-process: on a busy 2-core machine one can take
  // longer than Jest's default 5 s without anything being wrong. A limit, not a speed target.
  testTimeout: 20_000,
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}

module.exports = {
  // Jest reads the limit from the global config (a project's own testTimeout is not applied).
  testTimeout: common.testTimeout,
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'cloud', testEnvironment: 'node', testMatch: ['<rootDir>/tests/cloud/**/*.test.ts'] },
    // Run through scripts/test-e2e.ts, which finds the browser and needs dist/h5.
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'] },
    // Run through scripts/test-print.ts, which finds LibreOffice and poppler-utils.
    { ...common, displayName: 'print', testEnvironment: 'node', testMatch: ['<rootDir>/tests/print/**/*.test.ts'] },
    // Needs a weapp build (WEAPP_DIR, default dist/weapp): renders its pages in a mini-program simulation.
    { ...common, displayName: 'wechat', testEnvironment: 'node', testMatch: ['<rootDir>/tests/wechat/**/*.test.ts'] },
    {
      ...common,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/ui/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/tests/ui/setup.ts'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/tests/mocks/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/tests/mocks/taro.ts',
        '^@nutui/nutui-react-taro$': '<rootDir>/tests/mocks/nutui.tsx',
        '\\.(css|scss)$': '<rootDir>/tests/mocks/style.ts',
        // The network hop only: UI tests call the real server code in-process (tests/ui/real-api.ts).
        '^\\./transport$': '<rootDir>/tests/ui/real-api.ts',
      },
    },
  ],
}
