/** Names the release strategy gives a meaning of their own. */

/** Steps shipready runs itself unless steps: binds the name: validate (readiness and validation gates) and verify. */
export const BUILT_IN_STEPS = ["validate", "verify"] as const;
export type BuiltInStep = (typeof BUILT_IN_STEPS)[number];

/** The workflow shipready deploy runs; when automation: has none, DEFAULT_RELEASE_STEPS with a 1800 s timeout. */
export const RELEASE_WORKFLOW = "release_workflow";
export const DEFAULT_RELEASE_STEPS = ["validate", "deploy", "verify"] as const;

/** The workflow a rollback runs when its stage names no procedures. */
export const ROLLBACK_WORKFLOW = "rollback_workflow";

/** The seed's stages, used when strategy.stages is not written. */
export const SEED_STAGES = ["pre_release", "release", "post_release"] as const;

/** The seed's triggers, fired by a failed verification, a failed watch and shipready rollback; used when rollback.triggers is not written. */
export const SEED_TRIGGERS = ["validation_failure", "monitoring_failure", "manual_trigger"] as const;

export function isBuiltInStep(name: string): name is BuiltInStep {
  return (BUILT_IN_STEPS as readonly string[]).includes(name);
}
