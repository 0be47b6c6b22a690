/**
 * English, the whole dictionary: the public pages' messages and the app's (public/en.ts and
 * app/en.ts, loaded separately at run time). Its keys define MessageKey.
 */
import app, { type AppMessages } from "./app/en";
import pub, { type PublicMessages } from "./public/en";

export type Messages = PublicMessages & AppMessages;
export type MessageKey = keyof Messages;

const en: Messages = { ...pub, ...app };

export default en;
