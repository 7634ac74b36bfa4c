/**
 * Which values of an environment are secrets: those of variables whose names say so, those named in
 * shipready.yml's `secrets:`, and the credentials inside any URL-valued variable.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** A name whose last word is one of these holds a secret: GITHUB_TOKEN, DB_PASS, AWS_SECRET_ACCESS_KEY. */
const LAST_WORDS = new Set([
  "TOKEN",
  "SECRET",
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "PASS",
  "PWD",
  "KEY",
  "APIKEY",
  "PAT",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "AUTH",
  "COOKIE",
  "DSN",
  "WEBHOOK",
]);
/** A name with one of these words anywhere holds a secret: SLACK_WEBHOOK_URL, AWS_SECRET_ACCESS_KEY. */
const ANY_WORDS = new Set([
  "TOKEN",
  "SECRET",
  "SECRETS",
  "PASSWORD",
  "PASSWD",
  "CREDENTIALS",
  "WEBHOOK",
  "APIKEY",
]);
/** Words run together at the end of a name: PGPASSWORD, NPMTOKEN. */
const GLUED_ENDING = /(?:TOKEN|SECRET|PASSWORD|PASSWD|APIKEY)$/;
/** Names that end like a secret but are not: the current and previous folder. */
const NOT_SECRET = new Set(["PWD", "OLDPWD"]);
/** Query parameters that carry credentials in a URL: ?password=, ?access_token=, a signature. */
const SECRET_PARAMETER =
  /^(?:.*[_-])?(?:password|passwd|pass|pwd|token|secret|key|apikey|sig|signature|auth)$/i;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a variable's name says its value is a secret (the usual patterns, case ignored). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_SECRET.has(upper)) return false;
  const words = upper.split(/[_\-.]+/).filter((word) => word !== "");
  const last = words.at(-1);
  if (last !== undefined && LAST_WORDS.has(last)) return true;
  if (words.some((word) => ANY_WORDS.has(word))) return true;
  return GLUED_ENDING.test(upper) || /CONNECTION_?STRING$/.test(upper);
}

/**
 * The credentials a URL holds: the password of `scheme://user:password@host` (as written and decoded),
 * the values of query parameters named like a secret, and the whole URL when it holds any of them.
 */
export function secretsInUrl(value: string): string[] {
  const text = value.trim();
  if (!URL_START.test(text) || !URL.canParse(text)) return [];
  const url = new URL(text);
  const found: string[] = [];
  if (url.password !== "") found.push(url.password, safeDecode(url.password));
  for (const [name, parameter] of url.searchParams) if (SECRET_PARAMETER.test(name)) found.push(parameter);
  const secrets = found.filter((secret) => secret !== "");
  return secrets.length === 0 ? [] : [value, ...secrets];
}

/**
 * The secret values of an environment: each variable whose name looks secret or is in `names`
 * (whole, and for a URL its credentials and its path), and the credentials in any other URL-valued
 * variable (`DATABASE_URL=postgres://app:pw@db/app` gives the password and the whole URL).
 */
export function secretsOfEnvironment(env: Env, names: readonly string[] = []): string[] {
  const listed = new Set(names);
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === "") continue;
    if (listed.has(name) || isSecretName(name)) {
      secrets.add(value);
      for (const part of secretParts(value)) secrets.add(part);
    }
    for (const part of secretsInUrl(value)) secrets.add(part);
  }
  return [...secrets];
}

/** Of a value that is all secret, the parts that outputs may show alone: a URL's path and query (a webhook's key). */
function secretParts(value: string): string[] {
  const text = value.trim();
  if (!URL_START.test(text) || !URL.canParse(text)) return text === value ? [] : [text];
  const url = new URL(text);
  return [text, `${url.pathname}${url.search}`, safeDecode(url.pathname)].filter(
    (part) => part !== "/" && part !== "",
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
