/** The SSO login screen a browser sees at /sso (the connectivity check looks for it). */
export const loginPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HKEX CCMS Single Sign-On – Sign in</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f5f8; margin: 0; color: #1d2733; }
  header { background: #0b3d6e; color: #fff; padding: 14px 24px; font-weight: 600; }
  main { max-width: 380px; margin: 48px auto; background: #fff; padding: 28px 32px; border-radius: 8px;
         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.3rem; margin: 0 0 4px; }
  p.sub { margin: 0 0 20px; color: #55606e; }
  label { display: block; margin: 14px 0 4px; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: 9px 10px; font-size: 1rem; border: 1px solid #9aa5b1; border-radius: 4px; }
  button { margin-top: 20px; width: 100%; padding: 10px; font-size: 1rem; background: #0b3d6e; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  button:disabled { opacity: .6; }
  #message { margin-top: 16px; min-height: 1.2em; }
  .error { color: #a4161a; }
  [hidden] { display: none; }
</style>
</head>
<body>
<header>HKEX · CCMS</header>
<main>
  <h1>CCMS Single Sign-On</h1>
  <p class="sub">Sign in with your CCMS user ID and password. 登入 CCMS。</p>
  <form id="password-form" autocomplete="on">
    <label for="userId">User ID</label>
    <input id="userId" name="userId" autocomplete="username" required maxlength="64" autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
    <button type="submit">Sign in</button>
  </form>
  <form id="otp-form" hidden>
    <p id="otp-hint"></p>
    <label for="otp">One-time password</label>
    <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
    <button type="submit">Verify</button>
  </form>
  <p id="message" role="status" aria-live="polite"></p>
</main>
<script src="/sso/assets/login.js"></script>
</body>
</html>
`;

export const loginScript = `"use strict";
(function () {
  var api = "/sso/api/v1/authn";
  var stateToken = null;
  var message = document.getElementById("message");
  function say(text, isError) { message.textContent = text; message.className = isError ? "error" : ""; }
  function post(path, body) {
    return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }
  function show(result) {
    var b = result.body;
    if (b.error) { say(b.error.message, true); return; }
    if (b.state === "OTP_REQUIRED") {
      stateToken = b.stateToken;
      document.getElementById("password-form").hidden = true;
      document.getElementById("otp-form").hidden = false;
      document.getElementById("otp-hint").textContent = "A code was sent to " + b.maskedEmail + ".";
      document.getElementById("otp").focus();
      say("", false);
    } else if (b.state === "SUCCESS") {
      document.getElementById("otp-form").hidden = true;
      say("Signed in as " + b.session.displayName + ".", false);
    } else {
      say(b.message || ("Next step: " + b.state), b.state !== "SUCCESS");
    }
  }
  document.getElementById("password-form").addEventListener("submit", function (e) {
    e.preventDefault();
    post(api, { userId: document.getElementById("userId").value, password: document.getElementById("password").value })
      .then(show, function () { say("The server could not be reached.", true); });
  });
  document.getElementById("otp-form").addEventListener("submit", function (e) {
    e.preventDefault();
    post(api + "/otp/verify", { stateToken: stateToken, otp: document.getElementById("otp").value })
      .then(show, function () { say("The server could not be reached.", true); });
  });
})();
`;
