/**
 * HttpClient on Node's fetch: one GET, redirects not followed (the tool re-checks each hop), a timeout, and a
 * body read up to a byte cap, after which the connection is dropped.
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../core/host';

export class NodeHttp implements HttpClient {
  get(request: HttpRequest): Promise<HttpResponse> {
    return this.send('GET', request);
  }

  post(request: HttpRequest & { body: string }): Promise<HttpResponse> {
    return this.send('POST', { ...request, headers: { 'content-type': 'application/json', ...request.headers } }, request.body);
  }

  private async send(method: 'GET' | 'POST', request: HttpRequest, payload?: string): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(request.url, { method, redirect: 'manual', signal, headers: request.headers, body: payload });
    } catch (err) {
      throw new Error(timeout.aborted ? `${method} ${request.url} timed out after ${request.timeoutMs} ms.` : `${method} ${request.url} failed: ${(err as Error).message}`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
    const { body, isTruncated } = await readCapped(response, request.maxBytes);
    return { status: response.status, headers, body, isTruncated };
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<{ body: Uint8Array; isTruncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(0), isTruncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let isTruncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    chunks.push(value.length > room ? value.subarray(0, room) : value);
    size += Math.min(value.length, room);
    if (value.length >= room) {
      isTruncated = value.length > room || !(await reader.read().then((r) => r.done));
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { body: Buffer.concat(chunks), isTruncated };
}
