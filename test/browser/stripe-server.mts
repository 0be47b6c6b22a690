/**
 * The Stripe fake (test/support/stripe-fake.ts) as an HTTP server on 127.0.0.1 for the browser
 * suite: the Worker's Stripe SDK talks to it through STRIPE_API_BASE, and the browser visits its
 * hosted-checkout page, whose "Pay" sends signed webhooks to the Worker.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { freePort } from "../../scripts/local-server.mjs";
import { StripeFake } from "../support/stripe-fake.ts";

export interface StripeServer {
  url: string;
  fake: StripeFake;
  stop: () => Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const body = chunks.length === 0 || req.method === "GET" ? null : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", origin), { method: req.method ?? "GET", headers, body });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startStripeServer(): Promise<StripeServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fake = new StripeFake({ origin: url });
  const server = createServer((req, res) => {
    toRequest(req, url)
      .then((request) => fake.handle(request))
      .then((response) => send(res, response ?? new Response("not found", { status: 404 })))
      .catch((error: unknown) => send(res, new Response(String(error), { status: 500 })));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url, fake, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
