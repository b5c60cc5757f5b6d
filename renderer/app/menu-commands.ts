import type { MenuCommand } from "../../shared/contract/app.js";
import { ccms } from "../bridge/index.js";
import { useSession } from "../features/session/session-store.js";
import { useNav, type Screen } from "./nav-store.js";

/**
 * Where each of the desktop app's menu commands may take the page from: the screens whose own links
 * go there (the sign-in page links to both, the desktop to the connectivity check) and the other of
 * the two. Anywhere else something is under way that leaving would lose (a sign-in between its steps,
 * a form, the room's updates), and the network settings are for before sign-in only.
 */
const from: Record<
  MenuCommand["command"],
  { signedOut: ReadonlySet<Screen>; signedIn: ReadonlySet<Screen> }
> = {
  connectivity: { signedOut: new Set(["login", "network"]), signedIn: new Set(["desktop"]) },
  network: { signedOut: new Set(["login", "connectivity"]), signedIn: new Set() },
};

/** Opens the screen a menu command asks for when the page can go there from where it is; else nothing. */
export function applyMenuCommand({ command }: MenuCommand): void {
  const { session, locked } = useSession.getState();
  if (locked) return;
  const nav = useNav.getState();
  const allowed = session ? from[command].signedIn : from[command].signedOut;
  if (allowed.has(nav.screen)) nav.go(command);
}

/** Follows the menu's commands (the desktop app's only; the browser shell sends none); returns the unsubscribe. */
export function followMenuCommands(): () => void {
  let stopped = false;
  let unsubscribe = () => {};
  void ccms().then((api) => {
    if (!stopped) unsubscribe = api.on["app.menuCommand"](applyMenuCommand);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
