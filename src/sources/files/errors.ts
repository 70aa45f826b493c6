/** An article file that cannot be imported: the message says which file and what to fix. */
export class ArticleFileError extends Error {
  override name = "ArticleFileError";
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
