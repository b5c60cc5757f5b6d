export { type CertificateAuthority, ecdsaP256, issueCertificate, loadOrCreateCa } from "./authority.js";
export { loadOrCreateSharedCa } from "./shared-ca.js";
export { type ServerCredentials, issueServerCertificate } from "./server-certificate.js";
