// Validate an AsyncAPI document with the official parser: node validate.mjs FILE; prints every
// diagnostic, then a JSON summary line; exit 1 on any error diagnostic. Run from the parser's install dir.
import { Parser, fromFile } from '@asyncapi/parser';
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const errors = diagnostics.filter(d => d.severity === 0);
for (const d of diagnostics) console.log(`${['error','warning','info','hint'][d.severity]} ${d.code} ${d.path.join('/')}: ${d.message}`);
console.log(JSON.stringify({ok: !!document && errors.length === 0, channels: document ? document.channels().length : 0, messages: document ? document.components().messages().length : 0}));
process.exit(document && errors.length === 0 ? 0 : 1);
