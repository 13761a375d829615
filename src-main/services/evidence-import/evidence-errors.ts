/** An evidence file the operator gave cannot be used; the message names the file and says what it is not. */
export class EvidenceInputError extends Error {
  override name = 'EvidenceInputError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}
