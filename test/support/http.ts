// Outbound HTTP interception for tests: every request a test does not expect is an error.
import { vi } from "vitest";

export async function unexpectedFetch(input: RequestInfo | URL): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  throw new Error(`Unexpected outbound request in a test: ${url}`);
}

export type Route = (request: Request) => Response | Promise<Response> | undefined;

/**
 * Replaces global fetch with the given routes; a request no route answers fails the test.
 * Returns the list of requests seen, for assertions.
 */
export function interceptFetch(...routes: Route[]): Request[] {
  const seen: Request[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request.clone());
    for (const route of routes) {
      const response = await route(request);
      if (response !== undefined) return response;
    }
    throw new Error(`Unexpected outbound request in a test: ${request.method} ${request.url}`);
  });
  return seen;
}
