import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { openAppLog, redactSecrets } from "../../../electron/host/app-log.js";

/** Each secret as it can reach the log: a page error quoting a body, the simulator's stderr, a shell's line. */
const redacted: [what: string, line: string, logged: string][] = [
  [
    "a sign-in body in a page error",
    'Page error: request failed: {"userId":"demo.user","password":"Demo#2023pass"}',
    'Page error: request failed: {"userId":"demo.user","password":"[redacted]"}',
  ],
  [
    "a password with spaces and quotes in JSON",
    '{"password":"two \\"quoted\\" words"} sent',
    '{"password":"[redacted]"} sent',
  ],
  [
    "a new password (auth.changePassword's field)",
    '{"newPassword":"New#2024pass","userId":"demo.user"}',
    '{"newPassword":"[redacted]","userId":"demo.user"}',
  ],
  [
    "an object as Node prints it to the simulator's stderr",
    "{ userId: 'demo.user', password: 'correct horse', otp: '482913' }",
    "{ userId: 'demo.user', password: '[redacted]', otp: '[redacted]' }",
  ],
  [
    "the OTP step's body: state token and code",
    '{"stateToken":"st_9fK2pQ","otp":"482913"}',
    '{"stateToken":"[redacted]","otp":"[redacted]"}',
  ],
  ["an OTP named in a sentence", "OTP: 482913 was refused", "OTP: [redacted] was refused"],
  ["an OTP in a form body", "userId=demo.user&otp=482913&lang=en", "userId=demo.user&otp=[redacted]&lang=en"],
  [
    "JSON quoted inside JSON",
    '{"body":"{\\"password\\":\\"Demo#2023pass\\"}"}',
    '{"body":"{\\"password\\":\\"[redacted]\\"}"}',
  ],
  [
    "a session's bearer token",
    "Authorization: Bearer eyJhbGciOi.J9.sig-_x",
    "Authorization: Bearer [redacted]",
  ],
  [
    "a bearer token alone",
    "sent Bearer abc.DEF~123/+= to the server",
    "sent Bearer [redacted] to the server",
  ],
  [
    "a session token",
    "session.refresh: sessionToken=s3ss10n.T0k3n expired",
    "session.refresh: sessionToken=[redacted] expired",
  ],
  [
    "a proxy's Basic credentials",
    "Proxy-Authorization: Basic Y3AudXNlcjpQcm94eSMx",
    "Proxy-Authorization: Basic [redacted]",
  ],
  [
    "a simulator's control token",
    '{"type":"ready","controlToken":"k9Xv2mQ8rT"}',
    '{"type":"ready","controlToken":"[redacted]"}',
  ],
  [
    "a control token in its environment variable",
    "CCMS_SIM_CONTROL_TOKEN=k9Xv2mQ8rT npm run sim",
    "CCMS_SIM_CONTROL_TOKEN=[redacted] npm run sim",
  ],
  ["a control token flag", "--control-token=k9Xv2mQ8rT", "--control-token=[redacted]"],
  [
    "the browser shell's address with its page token",
    "CCMS Terminal ready at http://127.0.0.1:5173/#token=Zq7_w-0a",
    "CCMS Terminal ready at http://127.0.0.1:5173/#token=[redacted]",
  ],
  [
    "a token in a URL's query",
    "GET https://sso.example.com/sso?access_token=abc123&lang=en failed",
    "GET https://sso.example.com/sso?access_token=[redacted]&lang=en failed",
  ],
  [
    "a proxy URL's password",
    "proxy http://cp.user:Proxy%231@proxy.corp:8080 refused",
    "proxy http://cp.user:[redacted]@proxy.corp:8080 refused",
  ],
  [
    "a proxy URL's password with an @ in it",
    "proxy http://cp.user:p@ss@proxy.corp:8080/ refused",
    "proxy http://cp.user:[redacted]@proxy.corp:8080/ refused",
  ],
  [
    "a password with a backslash in a form",
    "userId=demo.user&password=C:\\pass&x=1",
    "userId=demo.user&password=[redacted]&x=1",
  ],
  [
    "a value whose quote a cut message never closes",
    'Page error: {"userId":"demo.user","password":"Demo#20',
    'Page error: {"userId":"demo.user","password":"[redacted]',
  ],
  [
    "a password in back quotes, as Node prints one with both kinds of quote in it",
    '{ password: `it\'s "x"` }',
    "{ password: `[redacted]` }",
  ],
  ["a PIN", "verify: pin=123456 wrong", "verify: pin=[redacted] wrong"],
  ["a secret", "{ secret: 'shh' }", "{ secret: '[redacted]' }"],
  ["an OTP's hash", "{ otpHash: 'e3b0c44298fc1c14' }", "{ otpHash: '[redacted]' }"],
];

/** Lines with nothing secret in them: user IDs, addresses, error codes, numbers, the names of secrets' fields. */
const kept: [what: string, line: string][] = [
  [
    "a page error with its source",
    "Page error (http://127.0.0.1:5173/assets/index-B2x.js:12:34): Cannot read properties of undefined (reading 'userId')",
  ],
  ["a refusal with its code", "auth.begin failed: demo.user was refused (INVALID_CREDENTIALS)"],
  ["an error body", '{"error":{"code":"OTP_EXPIRED","message":"The code has expired."}}'],
  [
    "fields named after secrets that hold none",
    '{"passwordExpired":true,"otpExpiresAt":"2023-05-29T01:05:00Z","tokenKept":false,"phasePinned":true}',
  ],
  [
    "network errors with ports and figures",
    "connect ECONNREFUSED 127.0.0.1:443 after 123456 ms, exit code 3",
  ],
  ["an address with a port", "https://sso.example.com:8443/sso/api/v1/simulator"],
  ["an email address in a query", "http://proxy.corp:8080/?owner=it@example.com"],
  ["Basic authentication named", "Basic authentication is refused by proxy.corp:8080 (PROXY_AUTH_REFUSED)"],
  ["a method about a PIN", "smartcard.verifyPin failed: the card refused the PIN (PIN_WRONG)"],
  ["a six-digit figure that is no OTP", "pid 482913 started; the simulator's clock: 2023-05-29 09:30 HKT"],
  [
    "the start line with its folders",
    "started; settings in C:\\Users\\demo\\AppData\\Roaming\\ccms-terminal-emulator, data in /home/demo/.config",
  ],
];

describe("redactSecrets", () => {
  it.each(redacted)("blanks %s", (_what, line, logged) => {
    expect(redactSecrets(line)).toBe(logged);
  });

  it.each(kept)("keeps %s as it is", (_what, line) => {
    expect(redactSecrets(line)).toBe(line);
  });

  it("blanks any password, whatever its characters, in JSON and as Node prints it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128, unit: "binary" }), (password) => {
        expect(redactSecrets(JSON.stringify({ userId: "demo.user", password }))).toBe(
          '{"userId":"demo.user","password":"[redacted]"}',
        );
        expect(redactSecrets(inspect({ newPassword: password }))).toMatch(
          /^\{ newPassword: (["'`])\[redacted\]\1 \}$/,
        );
      }),
    );
  });
});

describe("openAppLog", () => {
  let dir = "";
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes each line to logs/ccms-terminal.log with its level and source, secrets blanked", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-app-log-"));
    const log = openAppLog(dir);
    log.info("started");
    log.error('auth.begin failed for {"userId":"demo.user","password":"Demo#2023pass"}');
    log.fromProcess("simulator", "{ otp: '482913' }");
    expect(log.file).toBe(path.join(dir, "logs", "ccms-terminal.log"));
    const lines = fs.readFileSync(log.file, "utf8").trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\]\s+started$/),
      expect.stringMatching(
        /\[error\] auth\.begin failed for \{"userId":"demo\.user","password":"\[redacted\]"\}$/,
      ),
      expect.stringMatching(/\[warn\]\s+\(simulator\) \{ otp: '\[redacted\]' \}$/),
    ]);
    expect(log.tail(2)).toEqual(lines.slice(1));
  });
});
