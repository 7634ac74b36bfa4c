import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeployEvent, EventSource } from "../types.js";
import { buildTimeline } from "./build-timeline.js";

const SHA = "3f2a9c1d0e4b5a6978877665544332211aabbccd";

function deploy(
  source: EventSource,
  sourceId: string,
  finishedAt: string,
  commit: string | null = SHA,
): DeployEvent {
  return {
    repo: "o/shop",
    source,
    sourceId,
    environment: "production",
    version: null,
    commit,
    startedAt: null,
    finishedAt,
    status: "success",
    statusReason: null,
    rework: null,
    fixes: null,
    changes: null,
    url: null,
  };
}

test("a deploy reported by a GitHub deployment and by a deploy workflow run counts once, as the deployment", () => {
  const cases: [string, DeployEvent[], string[]][] = [
    [
      "the run finishes 10 minutes after the deployment's success",
      [
        deploy("workflow-run", "9001", "2026-01-05T12:10:00Z"),
        deploy("github-deployment", "42", "2026-01-05T12:00:00Z"),
      ],
      ["github-deployment:42"],
    ],
    [
      "the run finishes first",
      [
        deploy("workflow-run", "9001", "2026-01-05T11:50:00Z"),
        deploy("github-deployment", "42", "2026-01-05T12:00:00Z"),
      ],
      ["github-deployment:42"],
    ],
    [
      "an abbreviated commit on one side",
      [
        deploy("workflow-run", "9001", "2026-01-05T12:10:00Z", SHA.slice(0, 7)),
        deploy("github-deployment", "42", "2026-01-05T12:00:00Z"),
      ],
      ["github-deployment:42"],
    ],
    [
      "more than an hour apart: two deploys of one commit",
      [
        deploy("workflow-run", "9001", "2026-01-05T13:30:00Z"),
        deploy("github-deployment", "42", "2026-01-05T12:00:00Z"),
      ],
      ["github-deployment:42", "workflow-run:9001"],
    ],
    [
      "one source never duplicates itself",
      [
        deploy("workflow-run", "9001", "2026-01-05T12:00:00Z"),
        deploy("workflow-run", "9002", "2026-01-05T12:05:00Z"),
      ],
      ["workflow-run:9001", "workflow-run:9002"],
    ],
    [
      "shipready's own record is trusted over GitHub's deployment and the run",
      [
        deploy("workflow-run", "9001", "2026-01-05T12:10:00Z"),
        deploy("github-deployment", "42", "2026-01-05T12:00:00Z"),
        deploy("shipready", "d-1", "2026-01-05T12:01:00Z"),
      ],
      ["shipready:d-1"],
    ],
  ];
  for (const [name, deploys, counted] of cases) {
    const timeline = buildTimeline(deploys, ["production"]);
    assert.deepEqual(
      timeline.counted.map((e) => e.ref),
      counted,
      name,
    );
  }
});
