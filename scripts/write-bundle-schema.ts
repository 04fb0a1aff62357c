import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleJsonSchemaText } from '../src/shared/exchange/bundle-schema';

/**
 * Regenerate `docs/bundle.schema.json` from `BundleSchema`:
 *   npx tsx scripts/write-bundle-schema.ts
 * A test (src/shared/exchange/test/bundle-schema.test.ts) fails when the committed
 * file and the schema drift apart.
 */
const target = resolve(__dirname, '../docs/bundle.schema.json');
writeFileSync(target, bundleJsonSchemaText(), 'utf8');
process.stdout.write(`wrote ${target}\n`);
