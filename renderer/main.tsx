import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./app/app.js";
import { preloadSignInScreens } from "./app/screens.js";
import { connectBridge, type BridgeProblem } from "./bridge/index.js";
import { loadRemainingStrings, startI18n } from "./i18n/index.js";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element.");

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

// The bridge's code and the strings of the other screens are fetched after the first render, not
// beside the login form's strings: the form would otherwise wait for the browser to evaluate them. The
// screens a sign-in goes through follow once the bridge is there.
void i18nReady.then(() => {
  render();
  const connecting = connectBridge((found) => {
    problem = found;
    render();
  }, loadRemainingStrings());
  void connecting.then(preloadSignInScreens);
});
