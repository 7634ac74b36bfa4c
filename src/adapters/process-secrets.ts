import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { createSecretKeeper } from "../shared/secret-keeper.js";

/**
 * The secrets this process has met: its environment's, and those its runs add (--token, the token
 * `gh` gave, shipready.yml's). The command line's ports share it with the error printer, so an error
 * hides whatever the run had learnt before it failed.
 */
export const processSecrets = createSecretKeeper(secretsOfEnvironment(process.env));
