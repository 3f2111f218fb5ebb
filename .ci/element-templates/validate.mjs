// Validates every element template of the project against Camunda 7's element-templates JSON
// schema (@camunda/element-templates-json-schema, through @bpmn-io/element-templates-validator,
// the validator Camunda Modeler uses). Exits non-zero naming each file and error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@bpmn-io/element-templates-validator';

const dir = process.argv[2];
const files = readdirSync(dir).filter(f => f.endsWith('.json')).sort();
let failed = false;
let count = 0;
const ids = new Map();
for (const file of files) {
  const templates = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { valid, errors } = validate(templates);
  count += templates.length;
  if (!valid) {
    failed = true;
    for (const error of errors) {
      console.error(`${file}: ${error.instancePath || '/'}: ${error.message}`);
    }
  }
  for (const t of templates) {
    const key = `${t.id}@${t.version}`;
    if (ids.has(key)) {
      failed = true;
      console.error(`${file}: template ${key} is also in ${ids.get(key)}`);
    }
    ids.set(key, file);
  }
}
if (failed) {
  process.exit(1);
}
console.log(`element templates: ${count} templates in ${files.length} files valid against the Camunda 7 schema`);
