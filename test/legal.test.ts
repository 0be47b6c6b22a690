// GET /api/legal/imprint: the operator's details come from configuration only (never invented),
// for anyone, and say which settings are missing until all three are set.
import { describe, expect, it } from "vitest";
import { authorized, callJson, signInNewUser, withVars } from "./support/app";

const OPERATOR = { OPERATOR_NAME: "Example Voice GmbH", OPERATOR_ADDRESS: "Beispielstraße 1\n10115 Berlin\nGermany", OPERATOR_EMAIL: "legal@example.com" };

describe("GET /api/legal/imprint", () => {
  it("with nothing configured says so and names the three settings, inventing no details", async () => {
    const { status, body, response } = await callJson("/api/legal/imprint", {}, withVars({ OPERATOR_NAME: undefined, OPERATOR_ADDRESS: undefined, OPERATOR_EMAIL: undefined }));
    expect(status).toBe(200);
    expect(body).toEqual({ configured: false, missing: ["OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_EMAIL"] });
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("serves the configured name, address (line breaks kept) and email to anyone, signed in or not", async () => {
    const bindings = withVars(OPERATOR);
    const anonymous = await callJson("/api/legal/imprint", {}, bindings);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ configured: true, operator: { name: "Example Voice GmbH", address: "Beispielstraße 1\n10115 Berlin\nGermany", email: "legal@example.com" } });
    const user = await signInNewUser("imprint");
    expect((await callJson("/api/legal/imprint", authorized(user.token), bindings)).body).toEqual(anonymous.body);
  });

  it("shows nothing while only some settings are set, naming the ones still missing", async () => {
    const { body } = await callJson("/api/legal/imprint", {}, withVars({ ...OPERATOR, OPERATOR_ADDRESS: "  " }));
    expect(body).toEqual({ configured: false, missing: ["OPERATOR_ADDRESS"] });
  });

  it("an OPERATOR_EMAIL that is no email address is a configuration error, named, like any other bad setting", async () => {
    const { status, body } = await callJson<{ error: { code: string; message: string } }>("/api/legal/imprint", {}, withVars({ ...OPERATOR, OPERATOR_EMAIL: "write to us" }));
    expect(status).toBe(500);
    expect(body.error.code).toBe("configuration_invalid");
    expect(body.error.message).toContain("OPERATOR_EMAIL");
    expect(body.error.message).not.toContain("write to us");
  });

  it("only answers GET", async () => {
    expect((await callJson("/api/legal/imprint", { method: "POST" }, withVars(OPERATOR))).status).toBe(404);
  });
});
