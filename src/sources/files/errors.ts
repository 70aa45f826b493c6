import { AppError } from "../../domain/errors.ts";
/** An article file that cannot be imported: the message says which file and what to fix. */
export class ArticleFileError extends AppError {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("ARTICLE_FILE_INVALID", message, options);
  }
}
