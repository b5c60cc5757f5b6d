// The small surface of the optional native modules that our code uses, declared here so that type
// checking never depends on a module that npm may have skipped (its system library was missing).
// These declarations take precedence over the packages' own types.

declare module "smartcard" {
  export interface Card {
    transmit(command: Buffer | number[], options?: { autoGetResponse?: boolean }): Promise<Buffer>;
    disconnect(disposition?: number): void;
  }
  export interface Reader {
    readonly name: string;
    readonly state: number;
    connect(shareMode?: number, protocol?: number): Promise<Card>;
  }
  export class Context {
    readonly isValid: boolean;
    listReaders(): Reader[];
    close(): void;
  }
  export interface MonitorEvent {
    type: "reader-attached" | "reader-detached" | "card-inserted" | "card-removed" | "error";
    reader: string;
  }
  export class ReaderMonitor {
    start(callback: (event: MonitorEvent) => void): void;
    stop(): void;
  }
  export const SCARD_SHARE_SHARED: number;
  export const SCARD_PROTOCOL_T0: number;
  export const SCARD_PROTOCOL_T1: number;
  export const SCARD_LEAVE_CARD: number;
  export const SCARD_STATE_PRESENT: number;
}

declare module "@github/keytar" {
  export function getPassword(service: string, account: string): Promise<string | null>;
  export function setPassword(service: string, account: string, password: string): Promise<void>;
  export function deletePassword(service: string, account: string): Promise<boolean>;
  export function findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}
