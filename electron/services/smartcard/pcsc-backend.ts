import type * as Smartcard from "smartcard";
import { AppError } from "../../../shared/errors.js";
import type { CardChannel, ReaderBackend, ReaderEvent, ReaderInfo } from "./card-channel.js";
import { cardRemoved, noReader, pcscError, pcscUnavailable } from "./pcsc-errors.js";

type SmartcardModule = typeof Smartcard;
type PcscContext = InstanceType<SmartcardModule["Context"]>;
type PcscMonitor = InstanceType<SmartcardModule["ReaderMonitor"]>;

export type SmartcardLoader = () => Promise<SmartcardModule>;

/** Loaded on first use only: a machine without the native module still runs the app. */
const loadSmartcard: SmartcardLoader = () => import("smartcard");

/** For a build made without the smartcard module (`npm run dist -- --without-smartcard`). */
export const leftOutOfBuild: SmartcardLoader = () =>
  Promise.reject(
    new AppError(
      "SMARTCARD_NOT_IN_BUILD",
      "Smartcard sign-in is not available in this build of the app (it was built without the smartcard module). Use two-factor authentication.",
    ),
  );

/**
 * Readers through the system's PC/SC service (pcscd on Linux) by way of the
 * `smartcard` N-API bindings: real readers, and the vsmartcard virtual reader.
 */
export class PcscBackend implements ReaderBackend {
  readonly kind = "pcsc" as const;
  private module: SmartcardModule | undefined;
  private context: PcscContext | undefined;
  private monitor: PcscMonitor | undefined;
  private readonly listeners = new Set<(event: ReaderEvent) => void>();
  private readonly present = new Map<string, boolean>();

  constructor(
    private readonly load: SmartcardLoader = loadSmartcard,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async listReaders(): Promise<ReaderInfo[]> {
    const mod = await this.native();
    try {
      return this.openContext(mod)
        .listReaders()
        .map((reader) => ({
          name: reader.name,
          cardPresent: (reader.state & mod.SCARD_STATE_PRESENT) !== 0,
        }));
    } catch (error) {
      this.dropContext();
      // No reader (on Windows also a Smart Card service stopped for want of one) is an empty list.
      const mapped = pcscError(error, "list", undefined, this.platform);
      if (mapped.code === "NO_READER") return [];
      throw mapped;
    }
  }

  async connect(readerName: string): Promise<CardChannel> {
    const mod = await this.native();
    let reader;
    try {
      reader = this.openContext(mod)
        .listReaders()
        .find((r) => r.name === readerName);
    } catch (error) {
      this.dropContext();
      throw pcscError(error, "list", readerName, this.platform);
    }
    if (!reader) throw noReader(readerName);
    let card: Awaited<ReturnType<typeof reader.connect>>;
    try {
      card = await reader.connect(mod.SCARD_SHARE_SHARED, mod.SCARD_PROTOCOL_T0 | mod.SCARD_PROTOCOL_T1);
    } catch (error) {
      throw pcscError(error, "connect", readerName, this.platform);
    }
    return {
      transmit: async (apdu) => {
        let answer: Buffer;
        try {
          answer = await card.transmit(Buffer.from(apdu), { autoGetResponse: true });
        } catch (error) {
          const mapped = pcscError(error, "transmit", readerName, this.platform);
          // A card pulled mid-command may surface as a communication error: ask the reader.
          if (mapped.code === "CARD_ERROR" && !this.cardStillPresent(mod, readerName)) throw cardRemoved();
          throw mapped;
        }
        // No status word at all: the card went away between command and answer.
        if (answer.length < 2) throw cardRemoved();
        return new Uint8Array(answer);
      },
      close: async () => {
        try {
          card.disconnect(mod.SCARD_LEAVE_CARD);
        } catch {
          // Already gone with the card.
        }
      },
    };
  }

  async watch(listener: (event: ReaderEvent) => void): Promise<() => void> {
    const mod = await this.native();
    this.listeners.add(listener);
    if (!this.monitor) {
      const monitor = new mod.ReaderMonitor();
      try {
        monitor.start((event) => this.onMonitorEvent(event.type, event.reader));
      } catch (error) {
        this.listeners.delete(listener);
        throw pcscError(error, "context", undefined, this.platform);
      }
      this.monitor = monitor;
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopMonitor();
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.stopMonitor();
    this.dropContext();
  }

  private onMonitorEvent(type: string, reader: string): void {
    let event: ReaderEvent | undefined;
    switch (type) {
      case "reader-attached":
        event = { type: "reader-added", reader };
        break;
      case "reader-detached":
        this.present.delete(reader);
        event = { type: "reader-removed", reader };
        break;
      case "card-inserted":
      case "card-removed":
        this.present.set(reader, type === "card-inserted");
        event = { type, reader };
        break;
      default:
        // "error": pcscd went away; the next list or connect reports it.
        this.stopMonitor();
        this.dropContext();
        event = { type: "service-lost" };
    }
    for (const listener of this.listeners) listener(event);
  }

  private cardStillPresent(mod: SmartcardModule, readerName: string): boolean {
    try {
      const reader = this.openContext(mod)
        .listReaders()
        .find((r) => r.name === readerName);
      return reader !== undefined && (reader.state & mod.SCARD_STATE_PRESENT) !== 0;
    } catch {
      return false;
    }
  }

  private stopMonitor(): void {
    try {
      this.monitor?.stop();
    } catch {
      // Stopping a monitor whose service died is fine.
    }
    this.monitor = undefined;
  }

  private async native(): Promise<SmartcardModule> {
    if (this.module) return this.module;
    try {
      this.module = await this.load();
      return this.module;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        "NATIVE_MODULE_MISSING",
        "Smartcard support is not installed on this computer (the smartcard module could not load). Reinstall the app, or use two-factor authentication.",
        { reason: error instanceof Error ? error.message.split("\n")[0] : String(error) },
      );
    }
  }

  private openContext(mod: SmartcardModule): PcscContext {
    if (this.context?.isValid) return this.context;
    try {
      this.context = new mod.Context();
      return this.context;
    } catch (error) {
      this.context = undefined;
      const mapped = pcscError(error, "context", undefined, this.platform);
      throw mapped.code === "CARD_ERROR" ? pcscUnavailable(this.platform) : mapped;
    }
  }

  private dropContext(): void {
    try {
      this.context?.close();
    } catch {
      // A dead context cannot be closed twice.
    }
    this.context = undefined;
  }
}
