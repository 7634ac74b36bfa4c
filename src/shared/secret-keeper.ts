import { createRedactor, MIN_SECRET_LENGTH, type Redact } from "./create-redactor.js";

/**
 * The secrets a run has met so far, and the one redactor for all of them. A run learns secrets as it
 * goes (the environment first, then --token, shipready.yml's `secrets:` and webhooks, the token `gh`
 * gave), and every output it produces is redacted with what it knows by then.
 */
export interface SecretKeeper {
  /** Adds values from a secret source; ones too short to hide (see createRedactor) are ignored. */
  add(values: Iterable<string | undefined>): void;
  /** Hides every secret added so far, in each of its forms (see createRedactor). */
  redact: Redact;
}

export function createSecretKeeper(values: Iterable<string | undefined> = []): SecretKeeper {
  const known = new Set<string>();
  let redactor: Redact | null = null;
  const add = (more: Iterable<string | undefined>): void => {
    for (const value of more) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH || known.has(value)) continue;
      known.add(value);
      redactor = null;
    }
  };
  add(values);
  return {
    add,
    redact: (text, options) => {
      redactor ??= createRedactor([...known]);
      return redactor(text, options);
    },
  };
}
