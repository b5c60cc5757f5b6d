import type { AuthView } from "../../../shared/contract/auth.js";
import type { CardInfo, SignInProgress, SmartcardStatus } from "../../../shared/contract/smartcard.js";
import { AppError, isAppError } from "../../../shared/errors.js";
import type { CardChannel, ReaderBackend } from "./card-channel.js";
import { CardSession } from "./card-session.js";
import { noReader } from "./pcsc-errors.js";

/** The server side of the smartcard factor, reached through the auth client (which keeps the state token). */
export interface SmartcardFactor {
  challenge(): Promise<{ nonce: string; expiresAt: string }>;
  verify(input: { certificate: string; signature: string }): Promise<AuthView>;
}

export interface SmartcardServiceDeps {
  backends: ReaderBackend[];
  /** The factor of the current server (it changes with the server profile). */
  factor: () => SmartcardFactor;
  onStatus?: (status: SmartcardStatus) => void;
  onProgress?: (progress: SignInProgress) => void;
  /** How often a backend that could not be watched (pcscd down) is tried again. */
  retryMs?: number;
}

/**
 * Readers, live card status and the smartcard sign-in: challenge → VERIFY PIN →
 * READ certificate → SIGN → verify, over whichever backend holds the reader.
 */
export class SmartcardService {
  private readonly backends: ReaderBackend[];
  private readonly unwatch = new Map<ReaderBackend, () => void>();
  private retryTimer: NodeJS.Timeout | undefined;
  private signingIn = false;
  private started = false;

  constructor(private readonly deps: SmartcardServiceDeps) {
    this.backends = deps.backends;
  }

  async status(): Promise<SmartcardStatus> {
    const status: SmartcardStatus = {
      readers: [],
      problems: [],
      simulatedReader: this.backends.some((b) => b.kind === "simulated"),
    };
    for (const backend of this.backends) {
      try {
        for (const reader of await backend.listReaders()) {
          status.readers.push({ name: reader.name, backend: backend.kind, cardPresent: reader.cardPresent });
        }
      } catch (error) {
        const info = toAppError(error);
        status.problems.push({ backend: backend.kind, code: info.code, message: info.message });
      }
    }
    return status;
  }

  /** Starts streaming reader and card changes to onStatus. */
  async start(): Promise<void> {
    this.started = true;
    await this.watchAll();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.retryTimer);
    for (const stop of this.unwatch.values()) stop();
    this.unwatch.clear();
    await Promise.all(this.backends.map((b) => b.close()));
  }

  async inspect(reader: string): Promise<CardInfo> {
    return this.withCard(reader, async (session) => {
      const triesLeft = await session.pinTriesLeft();
      return { reader, triesLeft, blocked: triesLeft === 0 };
    });
  }

  async signIn(input: { reader: string; pin: string }): Promise<AuthView> {
    if (this.signingIn) throw new AppError("CONFLICT", "A smartcard sign-in is already in progress.");
    this.signingIn = true;
    try {
      const backend = await this.backendOf(input.reader);
      const factor = this.deps.factor();
      // The server speaks first: a refused phase or user costs no PIN try.
      this.progress("challenge");
      const { nonce } = await factor.challenge();
      this.progress("connect");
      const { certificate, signature } = await this.onCard(backend, input.reader, async (session) => {
        this.progress("pin");
        await session.verifyPin(input.pin);
        this.progress("certificate");
        const der = await session.readCertificate();
        this.progress("signing");
        const signed = await session.sign(new Uint8Array(Buffer.from(nonce, "base64")));
        return {
          certificate: Buffer.from(der).toString("base64"),
          signature: Buffer.from(signed).toString("base64"),
        };
      });
      this.progress("verifying");
      return await factor.verify({ certificate, signature });
    } finally {
      this.signingIn = false;
    }
  }

  private async withCard<T>(reader: string, work: (session: CardSession) => Promise<T>): Promise<T> {
    return this.onCard(await this.backendOf(reader), reader, work);
  }

  private async onCard<T>(
    backend: ReaderBackend,
    reader: string,
    work: (session: CardSession) => Promise<T>,
  ): Promise<T> {
    const channel: CardChannel = await backend.connect(reader);
    try {
      const session = new CardSession(channel);
      await session.select();
      return await work(session);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private async backendOf(reader: string): Promise<ReaderBackend> {
    let firstProblem: AppError | undefined;
    for (const backend of this.backends) {
      try {
        if ((await backend.listReaders()).some((r) => r.name === reader)) return backend;
      } catch (error) {
        firstProblem ??= toAppError(error);
      }
    }
    // A reader we cannot see because its service is down: say why, not just "no reader".
    throw firstProblem ?? noReader(reader);
  }

  private async watchAll(): Promise<void> {
    let missing = false;
    for (const backend of this.backends) {
      if (this.unwatch.has(backend)) continue;
      try {
        const stop = await backend.watch((event) => {
          if (event.type === "service-lost") {
            this.unwatch.get(backend)?.();
            this.unwatch.delete(backend);
            this.scheduleRetry();
          }
          void this.publish();
        });
        this.unwatch.set(backend, stop);
      } catch {
        missing = true;
      }
    }
    if (missing) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.started || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const before = this.unwatch.size;
      void this.watchAll().then(() => {
        if (this.unwatch.size !== before) void this.publish();
      });
    }, this.deps.retryMs ?? 2000);
    this.retryTimer.unref();
  }

  private async publish(): Promise<void> {
    if (!this.deps.onStatus) return;
    try {
      this.deps.onStatus(await this.status());
    } catch {
      // A status that cannot be read now is read again at the next change.
    }
  }

  private progress(step: SignInProgress["step"]): void {
    this.deps.onProgress?.({ step });
  }
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError(
    "CARD_ERROR",
    `The smartcard reader failed: ${error instanceof Error ? error.message : String(error)}.`,
  );
}
