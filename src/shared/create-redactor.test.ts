import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createRedactor, MIN_SECRET_LENGTH, REDACTED } from "./create-redactor.js";
import { isSecretName, secretsInUrl, secretsOfEnvironment } from "./find-secrets.js";
import { createSecretKeeper } from "./secret-keeper.js";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** Each form an output may carry a secret in, written independently of the redactor. */
const ENCODINGS: Record<string, (secret: string, user: string) => string> = {
  raw: (s) => s,
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  encodeURIComponent: (s) => encodeURIComponent(s),
  "encodeURIComponent, lower-case hex": (s) =>
    encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  "encodeURIComponent of upper": (s) => encodeURIComponent(s.toUpperCase()),
  "form encoding": (s) => new URLSearchParams({ v: s }).toString().slice(2),
  base64: (s) => base64(s),
  "base64 unpadded": (s) => base64(s).replace(/=+$/, ""),
  base64url: (s) => base64url(s),
  "base64 of upper": (s) => base64(s.toUpperCase()),
  "base64 of lower": (s) => base64(s.toLowerCase()),
  "basic auth user:secret": (s, user) => base64(`${user}:${s}`),
  "basic auth user:secret, url-safe": (s, user) => base64url(`${user}:${s}`),
  "JSON string": (s) => JSON.stringify(s).slice(1, -1),
};

// Secrets as environments hold them: printable ASCII without whitespace (tokens, keys, passwords of the
// usual alphabets). Not covered: letters whose case mapping changes their length (ß, ẞ), and runs of
// spaces a secret could share with the text around it.
const secret = fc.oneof(fc.stringMatching(/^[\x21-\x7e]{6,48}$/), fc.stringMatching(/^[A-Za-z0-9_-]{6,40}$/));
/** Several secrets, none inside another (hiding the longer one then takes the shorter one with it). */
const secrets = (minLength: number, maxLength: number) =>
  fc
    .uniqueArray(secret, { minLength, maxLength })
    .filter((list) =>
      list.every((a) => list.every((b) => a === b || !a.toLowerCase().includes(b.toLowerCase()))),
    );
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ maxLength: 30, unit: "grapheme" }));

describe("createRedactor", () => {
  it("leaves no form of any secret in text that holds it, whatever surrounds it", () => {
    fc.assert(
      fc.property(
        secrets(1, 3),
        fc.nat(),
        fc.constantFrom(...Object.keys(ENCODINGS)),
        fc.string({ maxLength: 12 }),
        text,
        text,
        (secrets, pick, encoding, user, before, after) => {
          const chosen = secrets[pick % secrets.length]!;
          const form = ENCODINGS[encoding]!(chosen, user);
          const out = createRedactor(secrets)(`${before}${form}${after}`);
          assert.ok(!out.includes(form), `${encoding} of ${JSON.stringify(chosen)} is left in ${out}`);
          if (form.length >= MIN_SECRET_LENGTH) assert.ok(out.includes(REDACTED), out);
        },
      ),
      { numRuns: 2000 },
    );
  });

  // The forms are separated by at least a line break: glued together with nothing between them, hiding
  // one may take the edge of its neighbour (each form alone, in any surroundings, is the property above).
  it("leaves every form of every secret out when they all come at once", () => {
    fc.assert(
      fc.property(
        secrets(1, 4),
        text.map((t) => `${t}\n`),
        (secrets, filler) => {
          const forms = secrets.flatMap((s) => Object.values(ENCODINGS).map((encode) => encode(s, "user")));
          const out = createRedactor(secrets)(forms.join(filler));
          for (const form of forms) assert.ok(!out.includes(form), `${JSON.stringify(form)} is left`);
        },
      ),
    );
  });

  it("changes no text that holds no secret", () => {
    fc.assert(
      fc.property(secrets(0, 4), text, (secrets, plain) => {
        const lower = plain.toLowerCase();
        fc.pre(
          secrets.every((s) =>
            Object.values(ENCODINGS).every((encode) => !lower.includes(encode(s, "").toLowerCase())),
          ),
        );
        assert.equal(createRedactor(secrets)(plain), plain);
      }),
    );
  });

  it(`does not hide values shorter than ${MIN_SECRET_LENGTH} characters`, () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: MIN_SECRET_LENGTH - 1 }), text, (short, around) => {
        const plain = `${around}${short}${around}`;
        assert.equal(createRedactor([short])(plain), plain);
      }),
    );
  });

  it("hides a basic-auth header whole, and a secret in a URL as written or decoded", () => {
    const redact = createRedactor(["s3cret/token+1"]);
    assert.equal(
      redact(`Authorization: Basic ${base64("deploy:s3cret/token+1")}`),
      `Authorization: Basic ${REDACTED}`,
    );
    assert.equal(redact("https://u:s3cret%2Ftoken%2B1@db/x"), `https://u:${REDACTED}@db/x`);
    assert.equal(redact("token=s3cret%2ftoken%2b1&next=1"), `token=${REDACTED}&next=1`);
    assert.equal(redact('{"password":"S3CRET/TOKEN+1"}'), `{"password":"${REDACTED}"}`);
  });

  it("hides the beginning of a secret at the end of text that was cut off", () => {
    const redact = createRedactor(["canary-6f1d9a2c7e4b"]);
    assert.equal(redact("aaaa canary-6f1", { cut: true }), `aaaa ${REDACTED}`);
    assert.equal(redact("aaaa canary-6f1"), "aaaa canary-6f1", "whole text keeps what is not a secret");
    assert.equal(redact("aaaa can", { cut: true }), "aaaa can", "three letters of a secret say nothing");
  });
});

describe("isSecretName", () => {
  it("knows the usual names of secrets", () => {
    for (const name of [
      "GITHUB_TOKEN",
      "GH_TOKEN",
      "NPM_TOKEN",
      "SLACK_WEBHOOK_URL",
      "DB_PASS",
      "DB_PASSWORD",
      "PGPASSWORD",
      "MYSQL_PWD",
      "AWS_SECRET_ACCESS_KEY",
      "STRIPE_API_KEY",
      "GH_PAT",
      "GOOGLE_APPLICATION_CREDENTIALS",
      "REGISTRY_AUTH",
      "SENTRY_DSN",
      "INPUT_GITHUB-TOKEN",
      "client_secret",
      "AZURE_STORAGE_CONNECTION_STRING",
    ]) {
      assert.ok(isSecretName(name), name);
    }
  });

  it("leaves ordinary names alone", () => {
    for (const name of [
      "PATH",
      "HOME",
      "PWD",
      "OLDPWD",
      "NODE_ENV",
      "DATABASE_URL",
      "SSH_AUTH_SOCK",
      "GIT_AUTHOR_NAME",
      "KEYBOARD_LAYOUT",
      "GIT_ASKPASS",
      "GITHUB_SHA",
      "BYPASS",
    ]) {
      assert.ok(!isSecretName(name), name);
    }
  });
});

describe("secretsOfEnvironment", () => {
  it("takes secret-named values, listed names and the credentials of URLs", () => {
    const found = secretsOfEnvironment(
      {
        GITHUB_TOKEN: "ghp_abcdef123456",
        DATABASE_URL: "postgres://app:p%40ss-word-1@db.internal:5432/app",
        CACHE_URL: "redis://cache.internal:6379",
        SIGNING: "listed-by-name",
        SHORT_KEY: "abc",
        NODE_ENV: "production",
        STORAGE_URL: "https://files.example.com/x?sig=abcdef0123&sv=2024",
      },
      ["SIGNING"],
    );
    assert.deepEqual(
      found.sort(),
      [
        "abc",
        "abcdef0123",
        "ghp_abcdef123456",
        "https://files.example.com/x?sig=abcdef0123&sv=2024",
        "listed-by-name",
        "p%40ss-word-1",
        "p@ss-word-1",
        "postgres://app:p%40ss-word-1@db.internal:5432/app",
      ].sort(),
    );
  });

  it("takes a secret URL's path too, where a webhook's key is", () => {
    const hook = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";
    assert.ok(secretsOfEnvironment({ SLACK_WEBHOOK_URL: hook }).includes("/services/T000/B000/XXXXXXXX"));
    assert.deepEqual(secretsInUrl("https://example.com/health"), []);
  });
});

describe("createSecretKeeper", () => {
  it("redacts what it was given later as well", () => {
    const keeper = createSecretKeeper(["first-secret"]);
    assert.equal(keeper.redact("first-secret second-secret"), `${REDACTED} second-secret`);
    keeper.add(["second-secret", undefined, "tiny"]);
    assert.equal(keeper.redact("first-secret second-secret tiny"), `${REDACTED} ${REDACTED} tiny`);
  });
});
