// The text of an element in the XML that S3 servers write: the five named references and
// numeric ones. Shared by the listing reader and the PUT path's error answers.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** `value` with its references decoded; undefined when one is malformed or unknown. */
export function decodeXmlText(value: string): string | undefined {
  if (!value.includes('&')) return value
  let plain = true
  const decoded = value.replace(/&([^;&]*)(;?)/g, (whole, name: string, semicolon: string) => {
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(name)
        ? Number.parseInt(name.slice(1), 10)
        : Number.NaN
    const text = Object.hasOwn(NAMED, name)
      ? NAMED[name]
      : code <= 0x10ffff
        ? String.fromCodePoint(code)
        : undefined
    if (semicolon !== ';' || text === undefined) plain = false
    return text ?? whole
  })
  return plain ? decoded : undefined
}
