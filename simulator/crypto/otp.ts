import crypto from "node:crypto";

/** Where OTP digits come from: the CSPRNG, or (with a seed) a replayable HMAC-DRBG. */
export interface OtpSource {
  next(): string;
  reset(): void;
}

export class RandomOtpSource implements OtpSource {
  next(): string {
    return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
  }

  reset(): void {}
}

/**
 * HMAC-DRBG (NIST SP 800-90A, SHA-256) seeded from a number, so recorded tests
 * see the same OTP sequence on every run from the same start.
 */
export class SeededOtpSource implements OtpSource {
  private key: Buffer = Buffer.alloc(32);
  private value: Buffer = Buffer.alloc(32);

  constructor(private readonly seed: number) {
    this.reset();
  }

  reset(): void {
    this.key = Buffer.alloc(32, 0x00);
    this.value = Buffer.alloc(32, 0x01);
    this.update(Buffer.from(`ccms-otp-seed:${this.seed}`, "utf8"));
  }

  next(): string {
    // Rejection sampling keeps the six digits uniform.
    const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
    for (;;) {
      const n = this.generate(4).readUInt32BE(0);
      if (n < limit) return (n % 1_000_000).toString().padStart(6, "0");
    }
  }

  private hmac(key: Buffer, ...parts: Buffer[]): Buffer {
    const mac = crypto.createHmac("sha256", key);
    for (const part of parts) mac.update(part);
    return mac.digest();
  }

  private update(data?: Buffer): void {
    this.key = this.hmac(this.key, this.value, Buffer.from([0x00]), data ?? Buffer.alloc(0));
    this.value = this.hmac(this.key, this.value);
    if (data === undefined) return;
    this.key = this.hmac(this.key, this.value, Buffer.from([0x01]), data);
    this.value = this.hmac(this.key, this.value);
  }

  private generate(bytes: number): Buffer {
    const out: Buffer[] = [];
    let length = 0;
    while (length < bytes) {
      this.value = this.hmac(this.key, this.value);
      out.push(this.value);
      length += this.value.length;
    }
    this.update();
    return Buffer.concat(out).subarray(0, bytes);
  }
}

/** OTPs are stored as HMAC-SHA256 under a per-data-folder secret, bound to their login's token hash. */
export function otpHash(secret: Buffer, binding: Buffer, otp: string): Buffer {
  return crypto.createHmac("sha256", secret).update(binding).update(otp, "utf8").digest();
}

export function otpMatches(secret: Buffer, binding: Buffer, otp: string, stored: Buffer): boolean {
  const candidate = otpHash(secret, binding, otp);
  return candidate.length === stored.length && crypto.timingSafeEqual(candidate, stored);
}
