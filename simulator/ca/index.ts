export {
  type CertificateAuthority,
  type IssueCertificateParams,
  caCertFileName,
  caDirOf,
  caKeyFileName,
  ecdsaP256,
  ecdsaSha256,
  issueCertificate,
  loadCa,
  loadOrCreateCa,
} from "./authority.js";
export { type ServerCredentials, issueServerCertificate } from "./server-certificate.js";
export { writeFileAtomic } from "./atomic-file.js";
