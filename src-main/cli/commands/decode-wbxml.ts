import { readFile } from 'node:fs/promises';
import { decodeEasBody } from '../../domain/wbxml/decode-eas-body';
import type { WbxmlElement } from '../../domain/wbxml/wbxml-model';
import { WbxmlError } from '../../domain/wbxml/wbxml-model';
import { elementText, toBase64 } from '../../domain/wbxml/wbxml-to-xml';
import { UsageError, type CliCommand } from '../command';

/** `decode-wbxml <file|-> [--json]`: prints an EAS WBXML body (or multipart response) as XML. */
export const decodeWbxmlCommand: CliCommand = {
  name: 'decode-wbxml',
  summary: 'Decode an EAS WBXML body (or multipart response) to XML.',
  usage: 'eas-troubleshooter decode-wbxml <file|-> [--json]',
  async run(args, io) {
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json');
    const unknown = rest.find((a) => a.startsWith('--'));
    if (unknown !== undefined) throw new UsageError(`Unknown option ${unknown}. Usage: ${this.usage}`);
    if (rest.length !== 1) throw new UsageError(`Give exactly one file, or - for standard input. Usage: ${this.usage}`);
    const source = rest[0] as string;
    const bytes = source === '-' ? await readStdin() : await readInput(source);
    let decoded;
    try {
      decoded = decodeEasBody(bytes);
    } catch (error) {
      if (error instanceof WbxmlError) throw new UsageError(`${source === '-' ? 'Standard input' : source} is not EAS WBXML: ${error.message}.`);
      throw error;
    }
    if (json) {
      const { document } = decoded;
      io.stdout(`${JSON.stringify({ version: document.version, publicId: document.publicId, charset: document.charset, root: toJson(document.root), extraParts: decoded.extraParts, xml: decoded.xml }, null, 2)}\n`);
    } else {
      io.stdout(decoded.xml);
    }
    return 0;
  },
};

interface JsonElement {
  namespace: string;
  name: string;
  text?: string;
  opaqueBase64?: string;
  children?: JsonElement[];
}

function toJson(element: WbxmlElement): JsonElement {
  const out: JsonElement = { namespace: element.namespace, name: element.name };
  const children = element.children.filter((c): c is WbxmlElement => c.kind === 'element');
  if (children.length > 0) out.children = children.map(toJson);
  const opaque = element.children.find((c) => c.kind === 'opaque');
  if (opaque !== undefined && opaque.kind === 'opaque') out.opaqueBase64 = toBase64(opaque.bytes);
  else if (element.children.some((c) => c.kind === 'text')) out.text = elementText(element);
  return out;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `File not found: ${file}` : `Cannot read ${file}: ${code ?? String(error)}.`);
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
