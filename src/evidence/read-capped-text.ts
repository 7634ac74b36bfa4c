import type { EvidenceContext } from "./evidence-context.js";

/** How large a file may be before it is refused, and what to tell a person then. */
export interface SizeLimit {
  maxBytes: number;
  /** What follows "<file> is 12.5 MB, " in the message for a file over the limit, given the limit ("10.0 MB"). */
  tooLarge: (max: string) => string;
}

/**
 * A file's text without its BOM, or a problem a person can act on. The size is asked first:
 * refusing a runaway file must not require loading it.
 */
export async function readCappedText(
  path: string,
  shown: string,
  limit: SizeLimit,
  context: Pick<EvidenceContext, "files">,
): Promise<{ text: string } | { problem: string }> {
  const refuse = (bytes: number) => ({
    problem: `${shown} is ${megabytes(bytes)}, ${limit.tooLarge(megabytes(limit.maxBytes))}`,
  });
  let text: string;
  try {
    const size = await context.files.size(path);
    if (size > limit.maxBytes) return refuse(size);
    text = (await context.files.readText(path)).replace(/^\uFEFF/, "");
  } catch (error) {
    return { problem: `${shown} cannot be read: ${(error as Error).message}` };
  }
  // A file still being written may have grown since its size was asked.
  return text.length > limit.maxBytes ? refuse(text.length) : { text };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
