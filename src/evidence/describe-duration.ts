// The evidence collectors' name for it; the function lives in src/shared so that pure cores use it too.
export { describeDuration } from "../shared/describe-duration.js";
