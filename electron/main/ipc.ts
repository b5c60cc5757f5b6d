import type { IpcMain, IpcMainInvokeEvent } from "electron";
import type { Envelope } from "../../shared/contract/api.js";
import { ipcChannel, methodNames } from "../../shared/contract/names.js";
import type { Dispatch } from "../host/dispatch.js";
import { APP_SCHEME } from "./app-protocol.js";

/** Only the app's own page may call; a frame from anywhere else is refused. */
function fromAppPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? "";
  return url.startsWith(`${APP_SCHEME}://`);
}

/** One `ipcMain.handle` per contract method, each going through the validating dispatcher. */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): () => void {
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<Envelope> => {
      if (!fromAppPage(event)) {
        return {
          ok: false,
          error: { code: "FORBIDDEN", message: "Only the app's own page may call the app." },
        };
      }
      return dispatch(name, input);
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel(name));
  };
}
