import { StrictMode, useLayoutEffect, useRef } from "react";
import { createRoot } from "react-dom/client";

/**
 * The login bench's yardstick (test/bench/login-page-bench.ts): one sign-in form and nothing else,
 * with the same React, built by the same Vite and served by the same server as the app, its User ID
 * field taking focus when drawn as the login screen's does.
 */
function SignInForm() {
  const userId = useRef<HTMLInputElement | null>(null);
  useLayoutEffect(() => userId.current?.focus(), []);
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <h1>Sign in</h1>
      <label htmlFor="userId">User ID</label>
      <input id="userId" ref={userId} autoComplete="username" />
      <label htmlFor="password">Password</label>
      <input id="password" type="password" autoComplete="current-password" />
      <button type="submit">Sign in</button>
    </form>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element.");
createRoot(container).render(
  <StrictMode>
    <SignInForm />
  </StrictMode>,
);
