import { XMLValidator } from "fast-xml-parser";

/**
 * Why a report is not well-formed XML, saying where and what that usually means; null when it is
 * well-formed. `expected` names what files: should point at instead ("the JUnit XML report").
 */
export function findXmlError(text: string, shown: string, expected: string): string | null {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return null;
  const { line, col, msg } = verdict.err;
  const where = col ? `line ${line}, column ${col}` : `line ${line}`;
  return (
    `${shown} is not well-formed XML (${where}: ${describeXmlError(msg)}). ` +
    `If the test run was cut short, run it again; otherwise point files: at ${expected}.`
  );
}

function describeXmlError(message: string): string {
  // The validator lists the still-open tags when the text ends early; say what that usually means.
  const open = /^Invalid '\[(.*)\]' found\.?$/s.exec(message);
  if (open) {
    const tags = open[1]!.replace(/["\s]/g, "").split(",").filter(Boolean);
    return `the file ends with <${tags.join(">, <")}> still open, so it looks cut off`;
  }
  if (/^Unclosed tag/.test(message)) return `${message.replace(/\.$/, "")}, so the file looks cut off`;
  return message.replace(/\.$/, "");
}
