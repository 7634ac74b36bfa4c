// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const outsideWorld = [
  {
    group: ["node:*"],
    message: "src/core is pure: take the input as an argument instead of reaching for node:*.",
  },
  {
    group: ["fs", "fs/*", "path", "os", "child_process", "http", "https", "net", "url", "process", "crypto"],
    message: "src/core is pure: no Node built-ins.",
  },
  {
    group: ["**/adapters/**", "**/run.js", "**/cli/**", "**/config/**", "**/evidence/**", "**/reporters/**"],
    message: "src/core may import only core and types.",
  },
  {
    group: ["better-sqlite3", "@octokit/*", "write-file-atomic", "proper-lockfile"],
    message: "src/core is pure: adapters live in src/adapters.",
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
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: outsideWorld }],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "src/core is pure: pass what you need as an argument." },
        { name: "fetch", message: "src/core is pure: no network." },
        { name: "setTimeout", message: "src/core is pure: no timers." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "src/core is pure: the clock comes in as an argument." },
        { object: "Math", property: "random", message: "src/core is pure and deterministic." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "src/core is pure: the clock comes in as an argument.",
        },
      ],
    },
  },
);
