const fs = require('node:fs')
const path = require('node:path')

/**
 * Import zones. Paths are relative to this folder (basePath below); a zone forbids its `target`
 * files to import anything that resolves into `from`. Only imports the resolver finds are checked,
 * which is why `import/no-unresolved` is on for src/.
 */
const CLIENT = [
  './src/pages',
  './src/packages',
  './src/components',
  './src/services',
  './src/app.ts',
  './src/app.config.ts',
]

/** The subpackages (src/packages/<name>), read at config load so a new one is covered without editing this file. */
const SUBPACKAGES = fs
  .readdirSync(path.join(__dirname, 'src/packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

/**
 * The pure core shared by client and server: src/domain, with the page table src/domain/pages.ts,
 * which the server's notice links and the subscribe-message declarations need as much as the pages do.
 */
const CORE = ['./src/domain']

const ZONES = [
  {
    target: CORE,
    from: './src',
    except: ['./domain'],
    message: 'src/domain is the pure core: it imports only src/domain and libraries, never the server or the client.',
  },
  {
    target: CORE,
    from: ['./scripts', './tests', './config'],
    message: 'src/domain is the pure core: it imports only src/domain and libraries.',
  },
  {
    target: './src/cloud',
    from: CLIENT,
    message: 'The server never imports client code; what both sides need belongs in src/domain.',
  },
  {
    target: CLIENT,
    from: './src/cloud',
    message:
      'The client never imports server code; it uses the declarations in src/domain and calls through src/services/api.ts.',
  },
  ...SUBPACKAGES.map((name) => ({
    target: `./src/packages/${name}`,
    from: './src/packages',
    except: [`./${name}`],
    message: `A subpackage never imports another (WeChat loads each on its own); move what src/packages/${name} shares to src/components or src/domain.`,
  })),
  {
    // Pages reach the server only through services: `call()` in src/services/api.ts (and the hooks
    // and outbox built on it), which add the types from the declarations, the request id, the
    // session and the Chinese error messages. The transports below are its private detail.
    target: ['./src/pages', './src/packages', './src/components'],
    from: ['./src/services/transport*'],
    message: 'Pages reach the server only through src/services/api.ts (call) or src/services/use-api.ts.',
  },
]

/** Our modules are named for what they are, not bags (a scoped library's own layout is not ours). */
const NAMED_MODULES = {
  group: ['**/utils', '**/helpers', '**/utils/*', '**/helpers/*', '!@*/**'],
  message: 'Name modules for what they are.',
}

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  env: { es2022: true, node: true, browser: true, jest: true },
  plugins: ['@typescript-eslint', 'react', 'react-hooks', 'import'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react/recommended',
    'plugin:react-hooks/recommended',
    'prettier',
  ],
  settings: {
    react: { version: '18' },
    // The node resolver with TypeScript's extensions finds every relative import in this tree; the
    // TypeScript parser reads the files it follows (for import/no-cycle).
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    'import/extensions': ['.ts', '.tsx', '.js'],
    'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import/ignore': ['node_modules'],
  },
  rules: {
    'react/react-in-jsx-scope': 'off',
    'react/jsx-uses-react': 'off',
    'react/prop-types': 'off',
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
    ],
    '@typescript-eslint/no-non-null-assertion': 'off',
    'no-restricted-imports': ['error', { patterns: [NAMED_MODULES] }],
    'import/no-restricted-paths': ['error', { basePath: __dirname, zones: ZONES }],
    // Value imports only: the rule skips `import type`, which leaves no code behind; run
    // `npx madge --circular --extensions ts,tsx src` to see type-level circles as well.
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
  overrides: [
    {
      files: ['src/**/*.{ts,tsx}'],
      // An import the resolver cannot follow would slip past the zones above.
      rules: { 'import/no-unresolved': 'error' },
    },
    {
      // The pure core: no Taro, React or server SDK, no Node built-ins (`fs` as `node:fs`), no clock or randomness.
      files: ['src/domain/**/*.ts'],
      rules: {
        'import/no-nodejs-modules': 'error',
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              NAMED_MODULES,
              {
                group: [
                  '@tarojs/*',
                  '@nutui/*',
                  'react',
                  'react/*',
                  'react-dom',
                  'react-dom/*',
                  'wx-server-sdk',
                  'better-sqlite3',
                ],
                message:
                  'src/domain runs on both sides unchanged: no platform module; take what it needs as arguments.',
              },
            ],
          },
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
      files: ['src/cloud/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              NAMED_MODULES,
              {
                group: ['@tarojs/*', '@nutui/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
                message: 'The server never imports client libraries.',
              },
            ],
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
              NAMED_MODULES,
              {
                group: ['wx-server-sdk', 'better-sqlite3', 'zod'],
                message:
                  'The client never imports server code or zod directly; it uses the declarations in src/domain.',
              },
            ],
          },
        ],
      },
    },
    {
      // The same rule as the transport zone, for a call written inline instead of imported.
      files: ['src/pages/**', 'src/packages/**', 'src/components/**'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: "MemberExpression[object.property.name='cloud'][property.name='callFunction']",
            message: 'Pages reach the server only through src/services/api.ts (call) or src/services/use-api.ts.',
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
