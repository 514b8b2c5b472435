// Writes the parsed Prisma data model to JSON so the schema drift test can compare it with
// the database the SQL migrations build (the Prisma CLI's own engine cannot be fetched here).
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { generatorHandler } = require('@prisma/generator-helper');

generatorHandler({
  onManifest: () => ({ prettyName: 'Data model snapshot', defaultOutput: './datamodel.json' }),
  onGenerate: async ({ generator, dmmf }) => {
    const file = generator.output.value;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(dmmf.datamodel, null, 2) + '\n');
  },
});
