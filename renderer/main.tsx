import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./app/app.js";
import { connectBridge, type BridgeProblem } from "./bridge/index.js";
import { startI18n } from "./i18n/index.js";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element.");

let root: Root | null = null;
let problem: BridgeProblem | null = null;

const render = () => {
  root ??= createRoot(container);
  root.render(
    <StrictMode>
      <App problem={problem} />
    </StrictMode>,
  );
};

startI18n();
render();
void connectBridge((found) => {
  problem = found;
  render();
});
