/**
 * GitHub's workflow commands (`::error file=a,line=1::text`) are read from a step's output line by
 * line, so outside text written into one could end it early and start another. These escape it as
 * the runner unescapes it: the message with %, CR and LF encoded, a property also with : and ,.
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command line, such as `::warning file=x.md,line=3,title=T::message`, escaped. */
export function renderWorkflowCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeCommandData(message)}\n`;
}
