import assert from "node:assert/strict";
import { test } from "node:test";
import { makeTempDir } from "./temp-dir.js";
import { postgresBinDir } from "./start-postgres.js";

test("without PostgreSQL's server programs the tests fail, saying how to install them", () => {
  assert.throws(() => postgresBinDir([makeTempDir(), "/nonexistent/bin"]), /apt-get install postgresql/);
});

test("the server programs are found on this machine", () => {
  const dir = postgresBinDir();
  assert.match(dir, /\/bin$/);
});
