/** A message ready for any transport: subject and both bodies, already bilingual. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
