/**
 * Resource caps for reading a bundle. yauzl has none of its own, and a bundle may come from
 * anyone (a ticket attachment), so every count and size is capped before data is inflated.
 */
export interface BundleLimits {
  /** Most entries in the zip's directory (a real case has tens). */
  maxEntries: number;
  /** Largest evidence file, uncompressed. */
  maxEntryBytes: number;
  /** Largest manifest.json, case.json or report.html; these are read into memory. */
  maxDocumentBytes: number;
  /** Largest sum of all entries, uncompressed. */
  maxTotalBytes: number;
  /**
   * Highest uncompressed:compressed ratio. Text logs deflate to roughly 5–30:1; a zip bomb of
   * zeros reaches ~1000:1. Only checked above `ratioFloorBytes`, where a bomb could hurt.
   */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 2000,
  maxEntryBytes: 1024 * MiB,
  maxDocumentBytes: 64 * MiB,
  maxTotalBytes: 4096 * MiB,
  maxCompressionRatio: 200,
  ratioFloorBytes: MiB,
};
