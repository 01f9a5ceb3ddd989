// File names as bytes: flists hold UTF-8 names, trees may hold any bytes but `/` and NUL.

/**
 * Bytes shown on one line, as they are: UTF-8 as text; bytes that are not UTF-8, control
 * characters and backslashes as `\xHH`, `\u{HH}` and `\\`, so two different names never look
 * the same.
 */
export function escapeBytes(bytes: Uint8Array): string {
  let text = ''
  for (let at = 0; at < bytes.length;) {
    const length = sequenceLength(bytes, at)
    if (length === 0) {
      text += `\\x${hex(bytes[at])}`
      at++
      continue
    }
    const char = Buffer.from(bytes.subarray(at, at + length)).toString('utf8')
    const codePoint = char.codePointAt(0)!
    if (char === '\\') text += '\\\\'
    else if (codePoint < 0x20 || codePoint === 0x7f) text += `\\x${hex(codePoint)}`
    else if (codePoint >= 0x80 && codePoint < 0xa0) text += `\\u{${codePoint.toString(16)}}`
    else text += char
    at += length
  }
  return text
}

/** A name or path held as a string, shown as escapeBytes shows its UTF-8 bytes. */
export function escapeName(name: string): string {
  return escapeBytes(Buffer.from(name, 'utf8'))
}

/** Length of the well-formed UTF-8 sequence at `at` (RFC 3629), or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]
  if (lead < 0x80) return 1
  const length = lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0
  if (length === 0 || at + length > bytes.length) return 0
  for (let i = 1; i < length; i++) if ((bytes[at + i] & 0xc0) !== 0x80) return 0
  const second = bytes[at + 1]
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
  if (lead === 0xe0 && second < 0xa0) return 0
  if (lead === 0xed && second > 0x9f) return 0
  if (lead === 0xf0 && second < 0x90) return 0
  if (lead === 0xf4 && second > 0x8f) return 0
  return length
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
