import assert from "node:assert/strict";
import { test } from "node:test";
import { secretsOfConfig } from "./config-secrets.js";
import { parseConfig } from "./parse-config.js";

test("the secrets a config points at: listed names, ${NAME} in webhooks and headers, the filled-in webhook URLs", () => {
  const { config } = parseConfig(
    `secrets: [SIGNING_SEED]
notify:
  webhook:
    url: "https://hooks.example.com/\${HOOK_PATH}"
    headers: { X-Signature: "\${HOOK_SIGNATURE}" }
gates:
  - gate: Health
    evidence:
      - http: { url: "https://staging.example.com/health", headers: { X-Api: "\${HEALTH_HEADER}" } }
`,
    "/repo/shipready.yml",
  );
  const env = {
    SIGNING_SEED: "seed-value-1234",
    HOOK_PATH: "hook-path-5678",
    HOOK_SIGNATURE: "signature-9012",
    HEALTH_HEADER: "health-header-3456",
    SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/slack-secret",
    NODE_ENV: "production",
    UNRELATED: "left-alone-value",
  };
  const found = secretsOfConfig(config, env);
  for (const value of [
    "seed-value-1234",
    "hook-path-5678",
    "signature-9012",
    "health-header-3456",
    "https://hooks.example.com/hook-path-5678",
    "https://hooks.slack.com/services/T0/B0/slack-secret",
  ]) {
    assert.ok(found.includes(value), value);
  }
  assert.ok(!found.includes("production"));
  assert.ok(!found.includes("left-alone-value"));
});

test("a webhook URL whose variable is not set is not a secret: what is left is a common prefix", () => {
  const { config } = parseConfig(
    `notify: { slack: { webhook: "https://hooks.slack.com/\${HOOK}" } }\n`,
    "/r/s.yml",
  );
  assert.deepEqual(secretsOfConfig(config, {}), []);
});

test("the release strategy's secrets: headers of checks and metric sources, and Sentry's token variable", () => {
  const { config } = parseConfig(
    `steps: { deploy: "./deploy" }
validation:
  gates: [{ name: v, checks: [health] }]
  metrics: [{ name: errors, threshold: 1 }, { name: latency, threshold: 1 }]
checks:
  health: { http: { url: "https://example.com/health", headers: { X-Check: "\${CHECK_HEADER}" } } }
sources:
  errors: { sentry: { url: "https://sentry.io", org: a, project: b, tokenEnv: SENTRY_READ }, max: 3 }
  latency:
    prometheus: { url: "http://127.0.0.1:9090", query: "x", headers: { Authorization: "Bearer \${PROM_BEARER}" } }
`,
    "/repo/shipready.yml",
  );
  const env = {
    CHECK_HEADER: "check-header-1234",
    SENTRY_READ: "sentry-token-5678",
    PROM_BEARER: "prom-bearer-9012",
  };
  const found = secretsOfConfig(config, env);
  for (const value of Object.values(env)) assert.ok(found.includes(value), value);
});
