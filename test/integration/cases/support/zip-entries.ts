import yauzl from 'yauzl';

/** Every entry of a zip, inflated, by name (test helper; bundles in tests are small). */
export async function readZipEntries(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(zipPath, { autoClose: false });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}
