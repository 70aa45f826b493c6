/**
 * A feed address may carry a login (`https://robot:secret@cms.ml/feed/`) for a protected feed.
 * The password is sent as HTTP Basic authentication and never shown: every address printed,
 * logged or stored in an error goes through `redactUrl`.
 */

/** The address with its password replaced by `***` (the user name kept, to tell logins apart). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: still hide anything that looks like `user:password@`.
    return url.replace(/\/\/([^/@\s:]*):[^/@\s]*@/g, "//$1:***@");
  }
  if (!parsed.password) return url;
  parsed.password = "***";
  return parsed.href;
}

/** Any `scheme://user:password@` inside a text (an error message quoting an address) redacted. */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z\d+.-]*:\/\/)([^/@\s:]*):[^/@\s]*@/gi, "$1$2:***@");
}

/** The address without its login, and the Authorization header the login becomes, if any. */
export function splitCredentials(url: URL): { url: URL; authorization: string | null } {
  if (!url.username && !url.password) return { url, authorization: null };
  const bare = new URL(url.href);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  bare.username = "";
  bare.password = "";
  const token = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  return { url: bare, authorization: `Basic ${token}` };
}
