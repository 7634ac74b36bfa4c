import { test } from "node:test";
import assert from "node:assert/strict";
import { pickReleaseNotes } from "./pick-release-notes.js";

const PLANNED = "## 1.3.0 (2026-12-01)\n\n### Features\n\n* bulk export\n";

test("the notes are the version's section of the changelog, without its heading", () => {
  const changelog =
    "# Changelog\n\n## 1.3.0 (2026-12-01)\n\n### Features\n\n* edited by hand\n\n## 1.2.0\n\n* older\n";
  const notes = pickReleaseNotes(changelog, "1.3.0", PLANNED);
  assert.match(notes, /edited by hand/);
  assert.doesNotMatch(notes, /older|^## /m);
});

test("without a changelog, or without the version's section in it, the planned section stands", () => {
  const expected = "### Features\n\n* bulk export";
  assert.equal(pickReleaseNotes(null, "1.3.0", PLANNED), expected);
  assert.equal(pickReleaseNotes("# Changelog\n\n## 1.2.0\n\n* older\n", "1.3.0", PLANNED), expected);
});
