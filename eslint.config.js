// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// The pure part of every capability (src/<capability>/core/) and the shared text helpers (src/shared/).
const PURE = ["src/*/core/**/*.ts", "src/shared/**/*.ts"];
const PURE_TESTS = ["src/*/core/**/*.test.ts", "src/shared/**/*.test.ts"];

const outsideWorld = [
  {
    group: ["node:*"],
    message: "A capability's core is pure: take the input as an argument instead of reaching for node:*.",
  },
  {
    group: ["fs", "fs/*", "path", "os", "child_process", "http", "https", "net", "url", "process", "crypto"],
    message: "A capability's core is pure: no Node built-ins.",
  },
  {
    // Relative imports that leave the pure layer: a use case (../x.js from core/), an edge, an adapter.
    group: [
      "../*.js",
      "**/adapters/**",
      "**/cli/**",
      "**/action/**",
      "**/config/*.js",
      "**/evidence/*.js",
      // Every capability's vocabulary may be named.
      "!**/types.js",
      "!**/ports.js",
    ],
    message:
      "A capability's core may import only other cores, src/shared, the shared types and its own capability's types.ts and ports.ts; use cases live beside core/, not in it.",
  },
  {
    // hono/html (the escaping template tag) is pure; hono itself is the web server.
    group: ["better-sqlite3", "@octokit/*", "proper-lockfile", "@hono/*", "pg"],
    message: "A capability's core is pure: adapters live in src/adapters.",
  },
];

export default tseslint.config(
  { ignores: ["dist/", "action/", "node_modules/", "test/fixtures/", "examples/", "test-artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/evidence/**/*.ts"],
    ignores: ["src/evidence/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:fs", "node:fs/*", "fs", "fs/*"],
              message:
                "Collectors read files through context.files (the Files port), which tests can replace.",
            },
          ],
        },
      ],
    },
  },
  {
    files: PURE,
    ignores: PURE_TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "hono", message: "A capability's core is pure: the web server lives in src/dashboard." },
          ],
          patterns: outsideWorld,
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "A capability's core is pure: pass what you need as an argument." },
        { name: "fetch", message: "A capability's core is pure: no network." },
        { name: "setTimeout", message: "A capability's core is pure: no timers." },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "Date",
          property: "now",
          message: "A capability's core is pure: the clock comes in as an argument.",
        },
        { object: "Math", property: "random", message: "A capability's core is pure and deterministic." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "A capability's core is pure: the clock comes in as an argument.",
        },
      ],
    },
  },
);
