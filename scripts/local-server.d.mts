export interface LocalProduct {
  url: string;
  stop: () => Promise<void>;
}
export function freePort(): Promise<number>;
export function startProduct(options: { stateDir: string; logFile: string; vars?: Record<string, string> }): Promise<LocalProduct>;
