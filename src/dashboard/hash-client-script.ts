import { createHash } from "node:crypto";
import { DASHBOARD_CLIENT_SCRIPT } from "./core/dashboard-client-script.js";

/** For the live page's Content-Security-Policy: only this script may run, not one that slipped into the page. */
export const DASHBOARD_CLIENT_SCRIPT_HASH = `sha256-${createHash("sha256").update(DASHBOARD_CLIENT_SCRIPT).digest("base64")}`;
