/** Italian, the whole dictionary (public/it.ts and app/it.ts). */
import app from "./app/it";
import pub from "./public/it";
import type { Messages } from "./en";

const itMessages: Messages = { ...pub, ...app };

export default itMessages;
