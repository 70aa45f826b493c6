/**
 * `npm run cli -- articles list | head -1`: once `head` has its line it closes the pipe, and the
 * next write fails with EPIPE — an uncaught error and a stack trace on the operator's terminal.
 * A reader that has gone means the output is no longer wanted: stop at once and quietly, as a
 * Unix tool killed by SIGPIPE does (Node ignores that signal), with exit code 0.
 */
export function exitQuietlyWhenReaderLeaves(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") exit(0);
    else throw error;
  });
}
