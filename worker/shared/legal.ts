/**
 * The legal pages' one piece of server data, shared by the Worker and the SPA: who operates this
 * deployment (`GET /api/legal/imprint`), taken from OPERATOR_NAME, OPERATOR_ADDRESS and
 * OPERATOR_EMAIL. Nothing is ever made up: until all three are set the answer says which are missing.
 */
export const OPERATOR_SETTINGS = ["OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_EMAIL"] as const;

export interface OperatorDetails {
  name: string;
  /** As configured; line breaks (or ", ") separate its lines. */
  address: string;
  email: string;
}

export type ImprintResponse = { configured: true; operator: OperatorDetails } | { configured: false; missing: (typeof OPERATOR_SETTINGS)[number][] };
