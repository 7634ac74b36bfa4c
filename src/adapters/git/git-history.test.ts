import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { InputError, UsageError } from "../../errors.js";
import { git, initRepo } from "../../../test/helpers/git-repo.js";
import { makeHistory } from "../../../test/helpers/make-history.js";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { makeTempTree } from "../../../test/helpers/make-temp-tree.js";
import {
  findLastReleaseTag,
  listVersionTags,
  readCommits,
  type CommitRange,
  type RawCommit,
} from "./git-history.js";

async function collect(dir: string, range: CommitRange): Promise<RawCommit[]> {
  const commits: RawCommit[] = [];
  const { count } = await readCommits(dir, range, (commit) => commits.push(commit));
  assert.equal(count, commits.length);
  return commits;
}

const ALL: CommitRange = { from: null, to: "HEAD" };

/** A repository with one initial commit; returns it and a folder for message files outside it. */
function newRepo(): { repo: string; scratch: string } {
  const repo = makeTempTree({ "README.md": "# app\n" });
  initRepo(repo);
  return { repo, scratch: makeTempDir() };
}

/** Commits `message` byte for byte: verbatim cleanup keeps CRs, trailing spaces and comment lines. */
function commitVerbatim(repo: string, scratch: string, message: string, ...extra: string[]): string {
  const file = join(scratch, "message.txt");
  writeFileSync(file, message);
  git(repo, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", file, ...extra);
  return git(repo, "rev-parse", "HEAD");
}

function commit(repo: string, message: string): string {
  git(repo, "commit", "-q", "--allow-empty", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

describe("readCommits", () => {
  it("streams every commit newest first with its parents, author, ISO date and whole message", async () => {
    const { repo, scratch } = newRepo();
    const root = git(repo, "rev-parse", "HEAD");
    const second = commitVerbatim(
      repo,
      scratch,
      "feat(api): add tokens\n\nA body line.\n\nCloses #12\n",
      "--author=Alice Martin <alice@example.com>",
      "--date=2025-06-01T12:30:00+02:00",
    );
    const commits = await collect(repo, ALL);
    assert.deepEqual(commits, [
      {
        sha: second,
        parents: [root],
        authorName: "Alice Martin",
        authorEmail: "alice@example.com",
        date: "2025-06-01T12:30:00+02:00",
        message: "feat(api): add tokens\n\nA body line.\n\nCloses #12\n",
      },
      {
        sha: root,
        parents: [],
        authorName: "Test Author",
        authorEmail: "author@example.com",
        date: "2026-01-01T00:00:00Z".replace("Z", "+00:00"),
        message: "chore: initial commit\n",
      },
    ]);
  });

  it("reads a merge commit with both parents and the commits of the merged branch", async () => {
    const { repo } = newRepo();
    const base = git(repo, "rev-parse", "HEAD");
    git(repo, "switch", "-q", "-c", "topic");
    const topic = commit(repo, "feat: on the topic branch");
    git(repo, "switch", "-q", "main");
    const onMain = commit(repo, "fix: on main");
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic");
    const merge = git(repo, "rev-parse", "HEAD");

    const commits = await collect(repo, { from: base, to: "HEAD" });
    assert.deepEqual(commits.map((c) => c.sha).sort(), [merge, topic, onMain].sort());
    assert.equal(commits[0]?.sha, merge);
    assert.deepEqual(commits[0]?.parents, [onMain, topic]);
    assert.equal(commits[0]?.message, "Merge branch 'topic'\n");
  });

  it("keeps non-ASCII, CRLF and separator-like text in messages and author names exactly", async () => {
    const { repo, scratch } = newRepo();
    const messages = [
      "fix(i18n): gère les ümlauts — 日本語 😀\n\nCorps du message.\n",
      "docs: windows line endings\r\n\r\nfirst line\r\nsecond line\r\n",
      "chore: literal %x00 and %H and \x1e and \x1f in text\n\n%B%x1e\n",
      "  leading spaces, trailing spaces   \n\n# not a comment here\n\n\n",
    ];
    for (const message of messages) {
      commitVerbatim(repo, scratch, message, "--author=Gunnar Østergaard <gunnar@example.dk>");
    }
    const commits = await collect(repo, { from: "HEAD~4", to: "HEAD" });
    assert.deepEqual(
      commits.map((c) => c.message),
      [...messages].reverse(),
    );
    for (const c of commits) assert.equal(c.authorName, "Gunnar Østergaard");
  });

  it("decodes multibyte characters that arrive split across output chunks", async () => {
    const { repo, scratch } = newRepo();
    // 6 bytes per repeat, so the pipe's power-of-two chunk boundaries fall inside characters.
    const big = `feat: big body\n\n${"é😀".repeat(40_000)}\n`;
    for (let i = 0; i < 3; i++) commitVerbatim(repo, scratch, `${i}${big}`);
    const commits = await collect(repo, { from: "HEAD~3", to: "HEAD" });
    assert.deepEqual(
      commits.map((c) => c.message),
      [`2${big}`, `1${big}`, `0${big}`],
    );
  });

  it("reads only the range, and nothing when both ends are the same commit", async () => {
    const { repo } = newRepo();
    const from = commit(repo, "feat: one");
    const two = commit(repo, "fix: two");
    const three = commit(repo, "fix: three");
    const inRange = await collect(repo, { from, to: "HEAD" });
    assert.deepEqual(
      inRange.map((c) => c.sha),
      [three, two],
    );
    let calls = 0;
    const { count } = await readCommits(repo, { from: "HEAD", to: three }, () => calls++);
    assert.equal(count, 0);
    assert.equal(calls, 0);
  });

  it("stops git and passes on an error thrown by onCommit", async () => {
    const { repo } = newRepo();
    for (let i = 0; i < 5; i++) commit(repo, `fix: ${i}`);
    let calls = 0;
    await assert.rejects(
      readCommits(repo, ALL, () => {
        calls++;
        throw new Error("stop here");
      }),
      /stop here/,
    );
    assert.equal(calls, 1);
  });

  it("names an unknown ref and says to fetch the tags", async () => {
    const { repo } = newRepo();
    await assert.rejects(
      readCommits(repo, { from: "v9.9.9", to: "HEAD" }, () => {}),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /Unknown git ref "v9\.9\.9"/);
        assert.match(error.fix ?? "", /git fetch --tags/);
        return true;
      },
    );
    await assert.rejects(
      readCommits(repo, { from: null, to: "no-such-branch" }, () => {}),
      /"no-such-branch"/,
    );
    await assert.rejects(
      readCommits(repo, { from: "--all", to: "HEAD" }, () => {}),
      UsageError,
    );
  });

  it("says when the folder is not a git repository or has no commits yet", async () => {
    const plain = makeTempDir();
    await assert.rejects(
      readCommits(plain, ALL, () => {}),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /not inside a git repository/);
        return true;
      },
    );
    await assert.rejects(listVersionTags(plain), /not inside a git repository/);
    await assert.rejects(
      readCommits(join(plain, "missing"), ALL, () => {}),
      /does not exist/,
    );

    const empty = makeTempDir();
    git(empty, "init", "-q", "-b", "main");
    await assert.rejects(
      readCommits(empty, ALL, () => {}),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /no commits yet/);
        return true;
      },
    );
  });

  it("refuses a range that reaches past the edge of a shallow clone, and reads one inside it", async () => {
    const { repo } = newRepo();
    git(repo, "tag", "v1.0.0");
    for (let i = 0; i < 4; i++) commit(repo, `feat: ${i}`);
    const clone = join(makeTempDir(), "clone");
    git(repo, "clone", "-q", "--depth", "2", `file://${repo}`, clone);

    await assert.rejects(
      readCommits(clone, ALL, () => {}),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /shallow clone/);
        assert.match(error.fix ?? "", /fetch-depth: 0/);
        assert.match(error.fix ?? "", /git fetch --unshallow --tags/);
        return true;
      },
    );
    await assert.rejects(
      readCommits(clone, { from: "v1.0.0", to: "HEAD" }, () => {}),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /"v1\.0\.0".*shallow/);
        assert.match(error.fix ?? "", /--unshallow/);
        return true;
      },
    );
    await assert.rejects(findLastReleaseTag(clone), /shallow clone/);
    assert.equal((await collect(clone, { from: "HEAD~1", to: "HEAD" })).length, 1);
  });

  it("reads a generated 2,000-commit history in full and from its last release tag", async () => {
    const { repo, manifest } = await makeHistory({ commits: 2000, seed: 7 });
    const { count } = await readCommits(repo, ALL, () => {});
    assert.equal(count, manifest.reachableCommits);

    const { tag } = await findLastReleaseTag(repo);
    assert.equal(tag?.name, manifest.tail.fromTag);
    const tail = await readCommits(repo, { from: tag?.name ?? null, to: "HEAD" }, () => {});
    assert.equal(tail.count, manifest.tail.commits);
    assert.deepEqual(
      (await listVersionTags(repo)).tags.map((t) => t.name).sort(),
      manifest.tags.map((t) => t.tag).sort(),
    );
  });
});

describe("listVersionTags and findLastReleaseTag", () => {
  /** main: init <- one (v1.0.0, lightweight) <- two (v1.1.0, annotated) <- three (v2.0.0-rc.1); side: v9.0.0. */
  function taggedRepo() {
    const { repo } = newRepo();
    const one = commit(repo, "feat: one");
    git(repo, "tag", "v1.0.0");
    const two = commit(repo, "feat: two");
    git(repo, "tag", "-a", "-m", "Release v1.1.0", "v1.1.0");
    const three = commit(repo, "feat!: three");
    git(repo, "tag", "v2.0.0-rc.1");
    git(repo, "tag", "release-2024");
    git(repo, "tag", "v1.2");
    git(repo, "tag", "app@3.0.0");
    git(repo, "switch", "-q", "-c", "side", one);
    const side = commit(repo, "feat: never merged");
    git(repo, "tag", "-a", "-m", "Release v9.0.0", "v9.0.0");
    git(repo, "switch", "-q", "main");
    return { repo, one, two, three, side };
  }

  it("lists semver tags highest first with their peeled commits, and the misfits apart", async () => {
    const { repo, one, two, three, side } = taggedRepo();
    assert.deepEqual(await listVersionTags(repo), {
      tags: [
        { name: "v9.0.0", version: "9.0.0", commit: side, annotated: true },
        { name: "v2.0.0-rc.1", version: "2.0.0-rc.1", commit: three, annotated: false },
        { name: "v1.1.0", version: "1.1.0", commit: two, annotated: true },
        { name: "v1.0.0", version: "1.0.0", commit: one, annotated: false },
      ],
      notSemver: ["v1.2"],
    });
    assert.deepEqual(await listVersionTags(repo, "app@{version}"), {
      tags: [{ name: "app@3.0.0", version: "3.0.0", commit: three, annotated: false }],
      notSemver: [],
    });
    assert.deepEqual((await listVersionTags(repo, "release-{version}")).notSemver, ["release-2024"]);
    await assert.rejects(listVersionTags(repo, "v{major}"), UsageError);
  });

  it("finds the highest release tag on the history of a ref, pre-releases only when asked", async () => {
    const { repo, one, two, three } = taggedRepo();
    const last = await findLastReleaseTag(repo);
    assert.deepEqual(last, {
      tag: { name: "v1.1.0", version: "1.1.0", commit: two, annotated: true },
      notSemver: ["v1.2"],
    });
    const pre = await findLastReleaseTag(repo, "HEAD", "v{version}", { includePrerelease: true });
    assert.deepEqual(pre.tag, {
      name: "v2.0.0-rc.1",
      version: "2.0.0-rc.1",
      commit: three,
      annotated: false,
    });
    assert.equal((await findLastReleaseTag(repo, one)).tag?.name, "v1.0.0");
    assert.equal((await findLastReleaseTag(repo, "side")).tag?.name, "v9.0.0");
    assert.equal((await findLastReleaseTag(repo, "HEAD", "app@{version}")).tag?.name, "app@3.0.0");
    await assert.rejects(findLastReleaseTag(repo, "nope"), /Unknown git ref "nope"/);
  });

  it("still finds the release when many higher releases sit on another branch", async () => {
    const { repo, two } = taggedRepo();
    git(repo, "switch", "-q", "side");
    for (const version of ["5.0.0", "6.0.0", "7.0.0", "8.0.0"]) {
      commit(repo, `feat: ${version}`);
      git(repo, "tag", `v${version}`);
    }
    git(repo, "switch", "-q", "main");
    assert.deepEqual((await findLastReleaseTag(repo)).tag, {
      name: "v1.1.0",
      version: "1.1.0",
      commit: two,
      annotated: true,
    });
    assert.equal((await findLastReleaseTag(repo, "side")).tag?.name, "v9.0.0");
  });

  it("finds no release tag in a repository without tags", async () => {
    const { repo } = newRepo();
    assert.deepEqual(await findLastReleaseTag(repo), { tag: null, notSemver: [] });
    await assert.rejects(findLastReleaseTag(repo, "v1.0.0"), /Unknown git ref "v1\.0\.0"/);
    assert.deepEqual(await listVersionTags(repo), { tags: [], notSemver: [] });
  });
});
