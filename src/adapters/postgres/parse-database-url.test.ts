import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../errors.js";
import { parseDatabaseUrl } from "./parse-database-url.js";

const VAR = "SHIPREADY_DATABASE_URL";
const SECRET = "canary-p4ss";

test("a URL is read into host, port, database and user, and shown without its password", () => {
  const cases: [string, { host: string; port: number; database: string; user: string; label: string }][] = [
    [
      `postgres://app:${SECRET}@db.example.com:6543/metrics`,
      {
        host: "db.example.com",
        port: 6543,
        database: "metrics",
        user: "app",
        label: "postgres://app@db.example.com:6543/metrics",
      },
    ],
    [
      `postgresql://app:${SECRET}@10.0.0.5/metrics?sslmode=verify-full&password=${SECRET}`,
      {
        host: "10.0.0.5",
        port: 5432,
        database: "metrics",
        user: "app",
        label: "postgresql://app@10.0.0.5/metrics?sslmode=verify-full",
      },
    ],
    [
      `postgres://my%40user:${encodeURIComponent("p@ss/w#rd?")}@[::1]:5433/m%C3%A9trics`,
      {
        host: "::1",
        port: 5433,
        database: "métrics",
        user: "my@user",
        label: "postgres://my%40user@[::1]:5433/m%C3%A9trics",
      },
    ],
  ];
  for (const [url, expected] of cases) {
    const { connectionString, ...target } = parseDatabaseUrl(url, VAR);
    assert.equal(connectionString, url);
    assert.deepEqual(target, expected);
    assert.ok(!target.label.includes(SECRET));
  }
});

test("a malformed URL says what is wrong with it, naming the variable and never the password", () => {
  const cases: [string, RegExp][] = [
    [
      `postgres://app:${SECRET}@db:port/metrics`,
      /is not a valid URL: its port is not a number from 1 to 65535/,
    ],
    [`postgres://app:${SECRET}@db:70000/metrics`, /its port is not a number from 1 to 65535/],
    [`postgres://app:${SECRET}@db:5432/metrics?port=0`, /has a port that is not a number from 1 to 65535/],
    [
      `postgres://app:${SECRET}%zz@db/metrics`,
      /has a password with a % that is not followed by two hexadecimal digits/,
    ],
    [
      `postgres://app:${SECRET}@db/metrics?sslmode=maybe`,
      /has sslmode=maybe, which is none of disable, prefer, require/,
    ],
    [`postgres://app:${SECRET}@db/a/b`, /names the database "a\/b", which holds a \//],
    [`mysql://app:${SECRET}@db/metrics`, /is a mysql: URL; shipready keeps metrics in PostgreSQL/],
    [`app:${SECRET}@db/metrics`, /is not a postgres:\/\/ URL|is a app: URL/],
    [
      `postgres://app:x#${SECRET}@db/metrics`,
      /or its password holds a \/ \? or # that is not percent-encoded/,
    ],
  ];
  for (const [url, message] of cases) {
    assert.throws(
      () => parseDatabaseUrl(url, VAR),
      (error: unknown) => {
        assert.ok(error instanceof InputError, String(error));
        assert.match(error.message, message);
        assert.ok(error.message.startsWith(`${VAR} `), error.message);
        assert.ok(!`${error.message} ${error.fix}`.includes(SECRET), error.message);
        return true;
      },
      url,
    );
  }
});
