import fs from "node:fs";
import { AppError } from "../../../shared/errors.js";

/** Reads a PEM CA file for a custom server; anything wrong becomes CA_FILE_UNREADABLE. */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError(
      "CA_FILE_UNREADABLE",
      `The CA file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
    );
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new AppError("CA_FILE_UNREADABLE", `The CA file ${file} does not contain a PEM certificate.`);
  }
  return text;
}
