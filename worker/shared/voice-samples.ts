/**
 * What every voice's sample says: spoken once in English by the local engine
 * (worker/services/voice-samples.ts) and shown as the transcript beside the landing page's
 * player, so the words on screen are the words that play.
 */
export const VOICE_SAMPLE_LOCALE = "en";

export function voiceSampleText(voiceName: string): string {
  return `Hi, I'm ${voiceName}. This is how I sound on SexyVoice.`;
}
