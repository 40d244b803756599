// Validates an OpenAPI document with two independent validators, as a front-end developer's
// tools would read it. Run by OpenApiDocumentTests: node validate-openapi.mjs <openapi.json>
// Prints one line per validator and exits 1 if either refuses the document.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';

const file = process.argv[2];
let failed = false;
try {
  await SwaggerParser.validate(file);
  console.log('@apidevtools/swagger-parser: valid');
} catch (error) {
  failed = true;
  console.log('@apidevtools/swagger-parser: ' + error.message);
}
const result = await new Validator().validate(file);
if (result.valid) {
  console.log('@seriousme/openapi-schema-validator: valid');
} else {
  failed = true;
  console.log('@seriousme/openapi-schema-validator: ' + JSON.stringify(result.errors, null, 1));
}
process.exit(failed ? 1 : 0);
