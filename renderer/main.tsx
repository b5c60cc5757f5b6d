import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./app/app.js";
import { reportPageErrors } from "./app/report-page-errors.js";
import { preloadSignInScreens } from "./app/screens.js";
import { connectBridge, type BridgeProblem } from "./bridge/index.js";
import { loadRemainingStrings, startI18n } from "./i18n/index.js";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element.");

reportPageErrors();

let root: Root | null = null;
let problem: BridgeProblem | null = null;

// Nothing is drawn before the chosen language's strings are in.
const i18nReady = startI18n();

const render = () => {
  root ??= createRoot(container);
  root.render(
    <StrictMode>
      <App problem={problem} />
    </StrictMode>,
  );
};

// The bridge's code and the strings of the other screens are fetched once the login form is drawn and
// in use, not beside its strings: the form would otherwise wait for the browser to evaluate them. The
// first render is done at once (not in a later task), so nothing fetched here can come before it. The
// screens a sign-in goes through follow once the bridge is there.
void i18nReady.then(() => {
  flushSync(render);
  const connecting = connectBridge((found) => {
    problem = found;
    render();
  }, loadRemainingStrings());
  // Fetched ahead only: a screen whose code did not arrive (the page left, the shell stopped) is
  // fetched again when it is shown, and says so then.
  void connecting.then(() => preloadSignInScreens().catch(() => {}));
});
