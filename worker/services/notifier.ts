/**
 * Operator notifications behind one interface: Telegram's Bot API, or off; chosen in
 * worker/integrations.ts. `send` resolves to whether the message was delivered.
 */
export interface Notifier {
  readonly enabled: boolean;
  send(text: string): Promise<boolean>;
}

export const noopNotifier: Notifier = { enabled: false, send: async () => false };

export function telegramNotifier(botToken: string, chatId: string): Notifier {
  return {
    enabled: true,
    async send(text) {
      const response = await fetch(`https://api.telegram.org/bot${botToken}/sendMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat_id: chatId, text }),
      });
      if (!response.ok) throw new Error(`Telegram answered ${response.status}`);
      return true;
    },
  };
}
