/** A response read to the end, so that it can be handed out more than once. */
export interface Snapshot {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  // The body is handed on decoded, so its encoding and length no longer apply.
  delete headers["content-encoding"];
  delete headers["content-length"];
  return headers;
}

export async function snapshotOf(url: string, response: Response): Promise<Snapshot> {
  return {
    url: response.url || url,
    status: response.status,
    statusText: response.statusText,
    headers: headersOf(response),
    body: await response.text(),
  };
}

export function responseOf(snapshot: Snapshot): Response {
  const nullBody = [101, 204, 205, 304].includes(snapshot.status);
  const response = new Response(nullBody ? null : snapshot.body, {
    status: snapshot.status,
    statusText: snapshot.statusText,
    headers: snapshot.headers,
  });
  // Octokit reads response.url, which a constructed Response leaves empty.
  Object.defineProperty(response, "url", { value: snapshot.url });
  return response;
}
