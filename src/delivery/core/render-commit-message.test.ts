import assert from "node:assert/strict";
import { test } from "node:test";
import { renderCommitMessage } from "./render-commit-message.js";

test("the message gets its placeholders filled in and [skip ci] at the end of its subject", () => {
  const values = { score: "92.5%", band: "Nearly Ready", checklist: "RELEASE_CHECKLIST.md" };
  const message = "chore(readiness): update {checklist} to {score} {band}";
  assert.equal(
    renderCommitMessage({ message, skipCi: true }, values),
    "chore(readiness): update RELEASE_CHECKLIST.md to 92.5% Nearly Ready [skip ci]",
  );
  assert.equal(
    renderCommitMessage({ message, skipCi: false }, values),
    "chore(readiness): update RELEASE_CHECKLIST.md to 92.5% Nearly Ready",
  );
  assert.equal(
    renderCommitMessage({ message: "docs: {score}\n\nBody {band}", skipCi: true }, values),
    "docs: 92.5% [skip ci]\n\nBody Nearly Ready",
  );
  assert.equal(
    renderCommitMessage({ message: "docs: [ci skip] {score}", skipCi: true }, values),
    "docs: [ci skip] 92.5%",
  );
});
