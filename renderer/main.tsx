import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./app/app.js";
import { preloadSignInScreens } from "./app/screens.js";
import { connectBridge, type BridgeProblem } from "./bridge/index.js";
import { startI18n } from "./i18n/index.js";

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

// The bridge's code is fetched after the first render, not beside the strings: the login form
// would otherwise wait for the browser to evaluate it. The screens a sign-in goes through follow.
void i18nReady.then(() => {
  render();
  void connectBridge((found) => {
    problem = found;
    render();
  }).then(preloadSignInScreens);
});
