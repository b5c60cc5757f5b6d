// Lists PC/SC readers through the app's backend and prints the outcome as JSON:
// run in a child process so that its environment (PCSCLITE_CSOCK_NAME) is its own.
import { PcscBackend } from "../../electron/services/smartcard/pcsc-backend.js";
import { isAppError } from "../../shared/errors.js";

const backend = new PcscBackend();
try {
  const readers = await backend.listReaders();
  process.stdout.write(JSON.stringify({ ok: true, readers }));
} catch (error) {
  process.stdout.write(
    JSON.stringify(
      isAppError(error) ? { ok: false, code: error.code, message: error.message } : { ok: false },
    ),
  );
} finally {
  await backend.close();
}
