export interface ServerEvent {
  event: string;
  data: unknown;
}

/**
 * Reads the server-sent events of `<url>events` until `until` says stop or the server ends the
 * stream; `started` is called once the stream is open, to do what should cause events.
 */
export async function readServerEvents(
  url: string,
  until: (events: ServerEvent[]) => boolean,
  started: () => void,
): Promise<ServerEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${url}events`, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ServerEvent[] = [];
  let buffer = "";
  let told = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!told) {
          told = true;
          started();
        }
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        if (until(events)) return events;
      }
    }
  } finally {
    controller.abort();
  }
}
