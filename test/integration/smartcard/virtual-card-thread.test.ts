import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertVirtualCardThread } from "../../../electron/host/virtual-card-thread.js";
import { startSimulator } from "../../../simulator/index.js";
import { CARD_ATR, CCMS_AID } from "../../../simulator/smartcard/apdu.js";
import type { CardFile } from "../../../simulator/smartcard/card-file.js";
import { issueCardFor } from "../../../simulator/features/smartcard/card-issuer.js";
import type { VirtualCardMessage } from "../../../simulator/smartcard/virtual-card-worker.js";

const root = path.resolve(import.meta.dirname, "../../..");
const frame = (payload: Uint8Array) => {
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
};
const SELECT = Uint8Array.from([0x00, 0xa4, 0x04, 0x00, CCMS_AID.length, ...CCMS_AID]);
const VERIFY_TRIES = Uint8Array.from([0x00, 0x20, 0x00, 0x81]);

/**
 * A stand-in for the vpcd driver inside pcscd: it listens where the card connects, and talks to the
 * card in vpcd's framing (2-byte length, then a control code or an APDU). No PC/SC stack is needed.
 */
class FakeVpcd {
  readonly server = net.createServer();
  private socket: net.Socket | undefined;
  private buffered = Buffer.alloc(0);
  private waiting: ((answer: Buffer) => void) | undefined;
  readonly connected: Promise<void>;
  disconnected: Promise<void> = new Promise(() => {});

  constructor() {
    this.connected = new Promise((resolve) =>
      this.server.on("connection", (socket) => {
        this.socket = socket;
        this.disconnected = new Promise((done) => socket.once("close", () => done()));
        socket.on("data", (chunk: Buffer) => {
          this.buffered = Buffer.concat([this.buffered, chunk]);
          if (this.buffered.length < 2) return;
          const length = this.buffered.readUInt16BE(0);
          if (this.buffered.length < 2 + length) return;
          const answer = this.buffered.subarray(2, 2 + length);
          this.buffered = this.buffered.subarray(2 + length);
          this.waiting?.(Buffer.from(answer));
        });
        resolve();
      }),
    );
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  ask(payload: Uint8Array): Promise<Buffer> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket?.write(frame(payload));
    });
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let card: CardFile;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-card-thread-"));
  const sim = await startSimulator({ dataDir: path.join(work, "sim"), hashProfile: "fast" });
  try {
    card = await issueCardFor(sim.context, { userId: "demo.user", pin: "2468" });
  } finally {
    await sim.close();
  }
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("a practice card served to the virtual reader from its own thread", () => {
  it("answers the reader's ATR request and APDUs, and leaves when removed", async () => {
    const vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const inserted = await insertVirtualCardThread(card, { port });
    try {
      await vpcd.connected;
      expect(new Uint8Array(await vpcd.ask(Uint8Array.of(4)))).toEqual(CARD_ATR);
      expect([...(await vpcd.ask(SELECT))]).toEqual([0x90, 0x00]);
      expect([...(await vpcd.ask(VERIFY_TRIES))]).toEqual([0x63, 0xc3]);
      await inserted.remove();
      await vpcd.disconnected;
      await inserted.closed;
    } finally {
      await vpcd.close();
    }
  });

  it("fails clearly when no virtual reader listens", async () => {
    const vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    await vpcd.close();
    await expect(insertVirtualCardThread(card, { port })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("the bundled card thread, as the desktop app runs it", () => {
  it("runs under plain Node with no TypeScript tooling, and serves the card", async () => {
    const out = path.join(work, "dist-electron");
    execFileSync(process.execPath, [path.join(root, "build/bundle-electron.mjs")], {
      env: { ...process.env, CCMS_BUNDLE_OUT: out },
      stdio: "pipe",
    });
    const bundle = path.join(out, "virtual-card-worker.cjs");
    const source = fs.readFileSync(bundle, "utf8");
    expect(source).not.toMatch(/require\("tsx/);

    const vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const worker = new Worker(bundle, { workerData: { card, port } });
    try {
      const first = await new Promise<VirtualCardMessage>((resolve) => worker.once("message", resolve));
      expect(first).toEqual({ type: "inserted" });
      await vpcd.connected;
      expect([...(await vpcd.ask(SELECT))]).toEqual([0x90, 0x00]);
      worker.postMessage("remove");
      await vpcd.disconnected;
    } finally {
      await worker.terminate();
      await vpcd.close();
    }
  });
});
