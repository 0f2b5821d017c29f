/** How the releases page writes times, sizes and hashes. */

/** "2026-11-22 14:05 UTC" from an ISO timestamp. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A byte count as people read it: "812 B", "10.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A count with thousands separators. */
export const formatCount = (n: number) => n.toLocaleString('en-US');
