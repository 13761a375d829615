import { z } from 'zod';
import { caseDocumentSchema } from '../../../shared/models/case';
import { bundleManifestSchema } from '../bundle/bundle-manifest';

/**
 * The JSON Schemas committed under assets/schemas/, generated from the zod schemas so the two can
 * never disagree (a test fails when the committed files are stale). `io: 'input'` describes the
 * documents as written on disk. Refinements (e.g. "an evidence item has a file or a reason") have
 * no JSON Schema form and are checked by the app only.
 */
export function buildCaseJsonSchemas(): Record<'case.schema.json' | 'manifest.schema.json', unknown> {
  const make = (schema: z.ZodType, id: string, title: string) => ({
    $id: id,
    title,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  });
  return {
    'case.schema.json': make(
      caseDocumentSchema,
      'eas-troubleshooter/case.schema.json',
      'ActiveSync Troubleshooter case document (case.json)',
    ),
    'manifest.schema.json': make(
      bundleManifestSchema,
      'eas-troubleshooter/manifest.schema.json',
      'ActiveSync Troubleshooter case bundle manifest (manifest.json)',
    ),
  };
}

/** The file text as committed: stable key order from the schema, two-space indent, final newline. */
export function renderJsonSchemaFile(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
