/** A byte count for people: 1.5 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  // Compared as shown, so 1048575 bytes reads 1.0 MiB rather than 1024.0 KiB.
  while ((unit === 0 ? value : Number(value.toFixed(1))) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
