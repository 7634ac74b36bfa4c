/**
 * A short digest of a text (16 hex digits): two 32-bit FNV-1a hashes with different seeds, pure and
 * the same on every platform. For telling texts apart (a run's findings, a finding's identity), not
 * for security.
 */
export function shortDigest(text: string): string {
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193);
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
