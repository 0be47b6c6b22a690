// Outbound HTTP interception for tests: every request a test does not expect is an error.
import { vi } from "vitest";

export async function unexpectedFetch(input: RequestInfo | URL): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  throw new Error(`Unexpected outbound request in a test: ${url}`);
}

export type Route = (request: Request) => Response | undefined | Promise<Response | undefined>;

/** A request as seen by the fake, copied out (bodies made inside a Durable Object stay there). */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  json<T = unknown>(): T;
}

/**
 * Replaces global fetch with the given routes; a request no route answers fails the test.
 * Returns the list of requests seen, for assertions.
 */
export function interceptFetch(...routes: Route[]): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    seen.push({ method: request.method, url: request.url, headers: new Headers(request.headers), body, json: <T>() => JSON.parse(body) as T });
    for (const route of routes) {
      const response = await route(request);
      if (response !== undefined) return response;
    }
    throw new Error(`Unexpected outbound request in a test: ${request.method} ${request.url}`);
  });
  return seen;
}
