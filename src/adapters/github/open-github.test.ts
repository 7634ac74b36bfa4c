import assert from "node:assert/strict";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { UsageError } from "../../errors.js";
import type { Git } from "../../ports.js";
import type { GitHubSettings } from "../../types.js";
import { parseRemote } from "../../shared/parse-remote.js";
import { openGitHub } from "./open-github.js";

test("the repository and host are read from every usual form of remote URL", () => {
  assert.deepEqual(parseRemote("git@github.com:octo-org/octo-app.git"), {
    host: "github.com",
    repo: "octo-org/octo-app",
  });
  assert.deepEqual(parseRemote("https://github.com/octo-org/octo-app"), {
    host: "github.com",
    repo: "octo-org/octo-app",
  });
  assert.deepEqual(parseRemote("https://x-access-token:abc@GHE.example.com/team/app.git/"), {
    host: "ghe.example.com",
    repo: "team/app",
  });
  assert.deepEqual(parseRemote("ssh://git@ghe.example.com/team/app.git"), {
    host: "ghe.example.com",
    repo: "team/app",
  });
  assert.equal(parseRemote("/srv/git/app.git"), null);
  assert.equal(parseRemote("https://github.com/only-owner"), null);
});

const settings: GitHubSettings = { repo: null, apiUrl: null, cache: ":memory:", deadlineMs: 60_000 };
const noGit = (remote: string | null): Git => ({
  headCommit: async () => null,
  topLevel: async () => null,
  remoteUrl: async () => remote,
});

test("the repository comes from the remote when nothing else names it, and GHES from the remote's host", async () => {
  const access = await openGitHub(
    settings,
    "/",
    { token: "t", env: {} },
    noGit("git@ghe.example.com:team/app.git"),
    "test",
  );
  assert.deepEqual(access.repo, { owner: "team", repo: "app" });
  assert.equal(access.api.webUrl(access.repo), "https://ghe.example.com/team/app");
  assert.equal(access.tokenSource, "--token");
  access.api.close();
});

test("--repo wins over shipready.yml, which wins over GITHUB_REPOSITORY and the remote", async () => {
  const env = { GITHUB_REPOSITORY: "env/repo", GITHUB_TOKEN: "t" };
  const fromFlag = await openGitHub(
    { ...settings, repo: "config/repo" },
    "/",
    { repo: "flag/repo", env },
    noGit(null),
    "test",
  );
  assert.deepEqual(fromFlag.repo, { owner: "flag", repo: "repo" });
  assert.equal(fromFlag.tokenSource, "GITHUB_TOKEN");
  fromFlag.api.close();
  const fromConfig = await openGitHub(
    { ...settings, repo: "config/repo" },
    "/",
    { env },
    noGit(null),
    "test",
  );
  assert.deepEqual(fromConfig.repo, { owner: "config", repo: "repo" });
  fromConfig.api.close();
});

test("gh auth token is asked last, for the API's host", async () => {
  const bin = makeTempDir();
  const gh = join(bin, "gh");
  writeFileSync(
    gh,
    `#!/bin/sh\n[ "$1 $2 $3 $4" = "auth token --hostname github.com" ] && echo gho_from_gh\n`,
  );
  chmodSync(gh, 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    const access = await openGitHub(settings, "/", { repo: "o/r", env: {} }, noGit(null), "test");
    assert.equal(access.tokenSource, "gh auth token");
    access.api.close();
  } finally {
    process.env.PATH = path;
  }
});

test("no repository, or no token, is a usage error saying what needs GitHub and how to fix it", async () => {
  await assert.rejects(
    openGitHub(settings, "/", { token: "t", env: {} }, noGit(null), "gates are bound to GitHub evidence"),
    (error: unknown) =>
      error instanceof UsageError &&
      /gates are bound to GitHub evidence, but which repository is not known/.test(error.message) &&
      /--repo owner\/name/.test(error.fix ?? ""),
  );
  const emptyPath = process.env.PATH;
  process.env.PATH = makeTempDir();
  try {
    await assert.rejects(
      openGitHub(settings, "/", { repo: "o/r", env: {} }, noGit(null), "the checklist has a CI snapshot"),
      (error: unknown) => error instanceof UsageError && /no GitHub token was found/.test(error.message),
    );
  } finally {
    process.env.PATH = emptyPath;
  }
});
