import { expect, it } from "vitest";
import { answerAt } from "../../support/authn-answers.js";
import { clusterUser } from "../../support/sim-client.js";
import { describeOnEachAdapter, type OneCommitSetup } from "./one-commit-setup.js";

/**
 * One commit per answer: the database fails between two writes of one answer (PostgreSQL: a relay
 * in front of it cuts the connection just before the second statement runs; SQLite: a trigger
 * makes the second statement fail), and the answer leaves nothing of itself behind, so that the
 * retry it invites works: a sign-in's answers, a DA's email application and HKEX processing it. Checked in the database itself, not through the simulator.
 */
const password = "Commit#Once2023";
describeOnEachAdapter("one commit per answer", {}, (s) => {
  const count = (sql: string, params: unknown[]) => s.count(sql, params);
  const sessionsOf = (userKey: string) =>
    count("SELECT count(*) AS n FROM sessions WHERE user_key = $1", [userKey]);
  const auditOf = (userKey: string, event: string) =>
    count("SELECT count(*) AS n FROM audit WHERE user_id = $1 AND event = $2", [userKey, event]);

  const newUser = (userId: string) => s.newUser(userId, password);
  const codeFor = (userId: string) => s.codeFor(userId, password);
  const expectFailed: OneCommitSetup["expectFailed"] = (res) => s.expectFailed(res);
  const dropTrigger = () => s.dropTrigger();

  it("a login finished and its session issued: cut between them, neither is kept, and the retry signs in", async () => {
    await newUser("commit.verify");
    const { stateToken, otp } = await codeFor("commit.verify");
    await s.failBefore("sessions-insert", "sessions");
    const failed = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
    await dropTrigger();
    expectFailed(failed);
    const [login] = await s.rows<{ finished: boolean | number }>(
      "SELECT finished FROM logins WHERE user_key = $1",
      ["commit.verify"],
    );
    expect(Boolean(login?.finished)).toBe(false);
    expect(await sessionsOf("commit.verify")).toBe(0);
    expect(await auditOf("commit.verify", "authn.success")).toBe(0);

    const retried = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
    expect(answerAt(retried.data, "SUCCESS").session.userId).toBe("commit.verify");
    expect(await sessionsOf("commit.verify")).toBe(1);
    expect(await auditOf("commit.verify", "authn.success")).toBe(1);
  }, 30_000);

  it("a wrong password counted and its audit line: cut between them, the failure is not counted, and the retry counts once", async () => {
    await newUser("commit.failure");
    await s.failBefore("audit-insert-many", "audit", "authn.password");
    const failed = await s.client.http.post("/sso/api/v1/authn", {
      userId: "commit.failure",
      password: "wrong",
    });
    await dropTrigger();
    expectFailed(failed);
    const failures = () =>
      count("SELECT count(*) AS n FROM login_failures WHERE user_key = $1", ["commit.failure"]);
    expect(await failures()).toBe(0);
    expect(await auditOf("commit.failure", "authn.password")).toBe(0);

    const retried = await s.client.http.post("/sso/api/v1/authn", {
      userId: "commit.failure",
      password: "wrong",
    });
    expect(retried.status).toBe(401);
    expect(retried.data.error.code).toBe("INVALID_CREDENTIALS");
    expect(await failures()).toBe(1);
    expect(await auditOf("commit.failure", "authn.password")).toBe(1);
  }, 30_000);

  it("a login stored with its code and its audit lines: cut between them, no login is left, and the retry's code signs in", async () => {
    await newUser("commit.begin");
    await s.failBefore("audit-insert-many", "audit", "authn.otp-sent");
    const failed = await s.client.http.post("/sso/api/v1/authn", { userId: "commit.begin", password });
    await dropTrigger();
    expectFailed(failed);
    expect(await count("SELECT count(*) AS n FROM logins WHERE user_key = $1", ["commit.begin"])).toBe(0);
    expect(await auditOf("commit.begin", "authn.password")).toBe(0);

    const { stateToken, otp } = await codeFor("commit.begin");
    const verified = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
    expect(answerAt(verified.data, "SUCCESS").session.userId).toBe("commit.begin");
  }, 30_000);

  /** A DA of CP009 signed in (for the DA admin API), and another DA of CP009 with no address yet. */
  async function daApplying(prefix: string): Promise<{ token: string; other: string }> {
    const da = `${prefix}.da`;
    const other = `${prefix}.other`;
    for (const [userId, withEmail] of [
      [da, true],
      [other, false],
    ] as const) {
      const { email, ...rest } = clusterUser(userId, password);
      const created = await s.client.control.post("/__sim/users", {
        ...rest,
        ...(withEmail ? { email } : {}),
        role: "da",
      });
      expect(created.status, JSON.stringify(created.data)).toBe(201);
    }
    const { stateToken, otp } = await codeFor(da);
    const verified = await s.client.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp });
    return { token: answerAt(verified.data, "SUCCESS").sessionToken, other };
  }
  const applyFor = (token: string, userId: string, email: string) =>
    s.client.http.put(
      `/sso/api/v1/admin/users/${userId}/email`,
      { email },
      { headers: { authorization: `Bearer ${token}` } },
    );
  const applicationsOf = (userKey: string) =>
    s.rows<{ status: string }>("SELECT status FROM da_email_applications WHERE user_key = $1 ORDER BY id", [
      userKey,
    ]);
  const emailOf = async (userKey: string) =>
    (await s.rows<{ email: string | null }>("SELECT email FROM users WHERE user_key = $1", [userKey]))[0]
      ?.email;

  it("a DA's application and its audit line: cut between them, no application is left, and the retry files one", async () => {
    const { token, other } = await daApplying("commit.apply");
    await s.failBefore("audit-insert-many", "audit", "admin.da-email.apply");
    const failed = await applyFor(token, other, "applied@cp009.example.com");
    await dropTrigger();
    expectFailed(failed);
    expect(await applicationsOf(other)).toEqual([]);
    expect(await auditOf(other, "admin.da-email.apply")).toBe(0);

    const retried = await applyFor(token, other, "applied@cp009.example.com");
    expect(retried.status).toBe(200);
    expect(await applicationsOf(other)).toEqual([{ status: "processing" }]);
    expect(await auditOf(other, "admin.da-email.apply")).toBe(1);
  }, 30_000);

  it("HKEX processing: cut between the application processed and the DA's address, nothing is processed, and the retry processes it once", async () => {
    const { token, other } = await daApplying("commit.process");
    expect((await applyFor(token, other, "processed@cp009.example.com")).status).toBe(200);
    const process = () => s.client.control.post("/__sim/hkex/da-email-applications/process", {});
    await s.failBefore("da-email-set", "audit", "hkex.da-email.processed");
    const failed = await process();
    await dropTrigger();
    expectFailed(failed);
    expect(await applicationsOf(other)).toEqual([{ status: "processing" }]);
    expect(await emailOf(other)).toBeNull();
    expect(await auditOf(other, "hkex.da-email.processed")).toBe(0);
    const controlLines = () =>
      count("SELECT count(*) AS n FROM audit WHERE event = $1", ["control.da-email-process"]);
    expect(await controlLines()).toBe(0);

    const retried = await process();
    expect(retried.status).toBe(200);
    // The application filed by the test before is processed with it.
    expect(retried.data.processed).toContainEqual(
      expect.objectContaining({ userId: other, status: "effective" }),
    );
    expect(await applicationsOf(other)).toEqual([{ status: "effective" }]);
    expect(await emailOf(other)).toBe("processed@cp009.example.com");
    expect(await auditOf(other, "hkex.da-email.processed")).toBe(1);
    expect(await controlLines()).toBe(1);
  }, 30_000);
});
