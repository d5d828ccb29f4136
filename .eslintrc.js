module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  env: { es2022: true, node: true, browser: true, jest: true },
  plugins: ['@typescript-eslint', 'react', 'react-hooks'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react/recommended',
    'plugin:react-hooks/recommended',
    'prettier',
  ],
  settings: { react: { version: '18' } },
  rules: {
    'react/react-in-jsx-scope': 'off',
    'react/jsx-uses-react': 'off',
    'react/prop-types': 'off',
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
    ],
    '@typescript-eslint/no-non-null-assertion': 'off',
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/utils', '**/helpers', '**/utils/*', '**/helpers/*'],
            message: 'Name modules for what they are.',
          },
        ],
      },
    ],
  },
  overrides: [
    {
      // The pure core: no Taro, no server SDK, no Node built-ins, no clock or randomness.
      files: ['src/domain/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: ['@tarojs/*', 'wx-server-sdk', 'node:*', 'better-sqlite3', '**/cloud/**', '**/services/**'] },
        ],
        'no-restricted-syntax': [
          'error',
          {
            selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
            message: 'Pass time in.',
          },
          { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass time in.' },
          {
            selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
            message: 'Pass ids in.',
          },
        ],
      },
    },
    {
      files: ['src/pages/**', 'src/packages/**', 'src/components/**', 'src/services/**', 'src/app.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['**/cloud/**', 'wx-server-sdk', 'better-sqlite3', 'zod'],
                message:
                  'The client never imports server code or zod directly; it uses the declarations in src/domain.',
              },
            ],
          },
        ],
      },
    },
    { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
    {
      files: ['*.js'],
      rules: { '@typescript-eslint/no-var-requires': 'off', '@typescript-eslint/no-require-imports': 'off' },
    },
  ],
  ignorePatterns: ['dist/', 'cloudfunctions/', 'node_modules/', '.data/'],
}
