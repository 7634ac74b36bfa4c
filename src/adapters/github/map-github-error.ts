// Errors: what GitHub said, turned into what to do about it.

import { EvidenceError } from "../../errors.js";
import type { RepoRef } from "../../ports.js";
import {
  githubMessage,
  httpFailureOf,
  isPrimaryRateLimit,
  isSecondaryRateLimit,
  type HttpFailure,
} from "./github-http-failure.js";

/** What a method was doing, for the message when it fails. */
export interface Reading {
  /** "the runs of workflow ci.yml" */
  what: string;
  repo: RepoRef;
  /** "actions: read" */
  permission: string;
  /** A workflow's name or id, so that a 404 can mention it. */
  workflow?: string;
  /** What was being done to it; "read" unless said. */
  verb?: "read" | "create" | "update";
}

/** Where the client sends its requests, how often it tries, and the token to keep out of messages. */
export interface FailureContext {
  baseUrl: string;
  webUrl: string;
  attempts: number;
  token: string;
}

type Explanation = [message: string, fix: string];

export function describeRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}

export function toEvidenceError(error: unknown, reading: Reading, context: FailureContext): EvidenceError {
  const [message, fix] = explain(error, reading, context);
  return new EvidenceError(redact(message, context.token), redact(fix, context.token));
}

/** The last guard: whatever a message was built from, the token does not appear in it. */
export function redact(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join("[REDACTED]") : text;
}

function explain(error: unknown, reading: Reading, context: FailureContext): Explanation {
  const { where, verb, doing } = wordsFor(reading);
  const failure = httpFailureOf(error);
  if (failure === null) {
    const text = error instanceof Error ? error.message : String(error);
    return [
      `${capitalize(doing)} ${where} on GitHub failed: ${text}`,
      "Run again with --debug and report it if it persists.",
    ];
  }
  if (!failure.hasResponse) {
    return [
      `GitHub at ${context.baseUrl} could not be reached to ${verb} ${where}, after ${context.attempts} attempts: ${githubMessage(failure)}`,
      "Check the network and the API URL (--api-url, GITHUB_API_URL or github.apiUrl in shipready.yml).",
    ];
  }
  return explainRateLimit(failure, reading) ?? explainAnswer(failure, reading, context);
}

function explainRateLimit(failure: HttpFailure, reading: Reading): Explanation | null {
  const { where, verb, doing } = wordsFor(reading);
  const said = `${failure.status}: ${githubMessage(failure)}`;
  if (isPrimaryRateLimit(failure)) {
    const reset = Number(failure.headers["x-ratelimit-reset"]);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : "";
    return [
      `GitHub's API rate limit for this token is used up${when}, so ${where} could not be ${{ read: "read", create: "created", update: "updated" }[verb]} (${said})`,
      "Run again after the reset, or use a token with a higher limit (a GitHub App installation token).",
    ];
  }
  if (isSecondaryRateLimit(failure)) {
    const wait = failure.headers["retry-after"];
    return [
      `GitHub's secondary rate limit stopped ${doing} ${where}${wait ? ` (it asked to wait ${wait} seconds)` : ""} (${said})`,
      "Run again in a few minutes, and avoid running many shipready jobs against GitHub at the same moment.",
    ];
  }
  return null;
}

function explainAnswer(failure: HttpFailure, reading: Reading, context: FailureContext): Explanation {
  const { where, verb, doing } = wordsFor(reading);
  const said = `${failure.status}: ${githubMessage(failure)}`;
  switch (failure.status) {
    case 401:
      return [
        `GitHub rejected the token while ${doing} ${where} (${said}): it is invalid, expired or revoked`,
        `Create a new token (${context.webUrl}/settings/tokens, or the workflow's GITHUB_TOKEN) and pass it in GITHUB_TOKEN or --token.`,
      ];
    case 403:
      return [`The token may not ${verb} ${where} (${said})`, `Grant the token ${reading.permission}.`];
    case 404:
      return [
        `${capitalize(reading.what)} of ${describeRepo(reading.repo)} were not found, or the token cannot see them (${said})`,
        `Check the repository name${reading.workflow ? ` and the workflow (${reading.workflow}: its id or file name, such as ci.yml)` : ""}; a private repository needs a token with access to it (the repo scope for a classic token, the repository selected for a fine-grained one).`,
      ];
  }
  if (failure.status >= 500) {
    return [
      `GitHub answered ${said} to each of ${context.attempts} attempts to ${verb} ${where}`,
      "GitHub may be having trouble (https://www.githubstatus.com); run again later.",
    ];
  }
  return [
    `GitHub refused to give ${where} (${said})`,
    "Run again with --debug and report it if it persists.",
  ];
}

/** How a message names the reading and what was being done to it. */
function wordsFor(reading: Reading) {
  const verb = reading.verb ?? "read";
  return {
    where: `${reading.what} of ${describeRepo(reading.repo)}`,
    verb,
    doing: { read: "reading", create: "creating", update: "updating" }[verb],
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
