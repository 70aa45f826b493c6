// Building an Intl.DateTimeFormat costs ~100 µs, formatting with one ~1 µs: a reply that shows
// ten dates must not build ten. Formatters are immutable, so sharing them is safe.
const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter for these locale and options (time zone included). */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}
