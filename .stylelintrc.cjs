/**
 * Stylelint for src/**\/*.scss: only what WeChat's style compiler (wcsc) refuses, so a style that
 * would not compile in WeChat fails at the source, before a weapp build (`npm run lint:styles`).
 *
 * Found by running wcsc (miniprogram-compiler 0.2.3, "v0.4me_20190328_db") on one-rule files:
 * - refused: the universal selector anywhere (`*`, `.a > *`, `.a *`, `*.a`, `:not(*)`, `:where(*)`);
 *   namespaces and the column combinator (`a|b`, `*|a`, `.a || .b`); the `>>>` combinator;
 *   backslash escapes in selectors (`.a\:b`, `.\31 a`); a selector list or a combinator inside
 *   `:not()`/`:is()`/`:where()` (`:not(.b, .c)`, `:not(.b .c)`, `:is(.b, .c)`); `:nth-child(… of …)`;
 *   the functional pseudo-elements `::part()` and `::slotted()`; the at-rules `@layer`, `@container`,
 *   `@scope`, `@starting-style`, `@namespace`, `@font-feature-values`; `@import url(…)` (only the
 *   string form `@import "x.wxss"` compiles).
 * - accepted: class, id, tag, attribute selectors (`[x]`, `[x="1"]`, `*=`, `^=`, `$=`, `|=`, `~=`),
 *   the `>`, `+`, `~` and descendant combinators, `/deep/`, simple `:not(.b)` / `:not(:first-child)`,
 *   `:nth-child(2n + 1)`, `:first/last-child`, `:hover`, `:has()`, `::before/::after`,
 *   `::selection`, `::placeholder`, `::-webkit-scrollbar`, `@media`, `@supports`, `@keyframes`,
 *   `@font-face`, `@property`, `@page`, `!important`, `var()`, `env()`, `calc(100% * 2)`.
 * Nothing is exempt: there are no h5-only stylesheets (no `.h5.scss`, no TARO_ENV guard in styles).
 */
const WCSC = 'WeChat (wcsc) does not compile this'

module.exports = {
  customSyntax: 'postcss-scss',
  rules: {
    'selector-max-universal': [0, { message: `${WCSC}: WXSS has no universal selector "*"; name the elements' class` }],
    'selector-combinator-disallowed-list': [['>>>'], { message: `${WCSC}: the ">>>" combinator` }],
    'selector-pseudo-element-disallowed-list': [
      ['part', 'slotted'],
      { message: `${WCSC}: the pseudo-elements ::part() and ::slotted()` },
    ],
    'selector-disallowed-list': [
      [
        // a namespace or the column combinator: a "|" not followed by "=" (as in [lang|="zh"])
        /\|(?!=)/,
        // a backslash escape in a selector
        /\\/,
        // a selector list or a combinator inside :not() / :is() / :where() / :matches()
        /:(?:not|is|where|matches)\(\s*[^\s()]+(?:\s*[,>+~]|\s+[^\s)])/,
        // :nth-child(An+B of S)
        /:nth-(?:last-)?child\([^)]*\sof\s/,
      ],
      {
        message: (selector) =>
          `${WCSC}: "${selector}" (no namespaces, "||", backslash escapes, lists or combinators inside :not()/:is()/:where(), :nth-child(… of …))`,
      },
    ],
    'at-rule-disallowed-list': [
      ['layer', 'container', 'scope', 'starting-style', 'namespace', 'font-feature-values'],
      { message: `${WCSC}: @layer, @container, @scope, @starting-style, @namespace, @font-feature-values` },
    ],
    'import-notation': ['string', { message: `${WCSC}: @import url(…); write @import "file"` }],
  },
}
