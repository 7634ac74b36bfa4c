import { randomBytes } from "node:crypto";
import { appendFile } from "node:fs/promises";

/**
 * Appends step outputs to the file GitHub names in GITHUB_OUTPUT, each as `name<<DELIMITER`, the
 * value, `DELIMITER`: the form that holds any value, line breaks included. The delimiter is random
 * and checked against the value, so a value cannot end its own block and set another output.
 */
export async function writeActionOutputs(file: string, outputs: Record<string, string>): Promise<void> {
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter: string;
    do delimiter = `ghadelimiter_${randomBytes(16).toString("hex")}`;
    while (value.includes(delimiter));
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text, "utf8");
}
