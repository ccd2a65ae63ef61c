// Validates every document of the YAML files given as arguments against the Kubernetes OpenAPI schemas of npm's
// kubernetes-models (no cluster). Prints one line per document; exit 0 all valid, 1 any invalid, 2 unusable input.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let invalid = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`UNUSABLE ${file}: ${document.errors.map(e => e.message).join("; ")}`);
      process.exit(2);
    }
    const object = document.toJS();
    if (object === null) continue;
    const { apiVersion, kind } = object;
    const name = `${file}: ${kind}/${object.metadata?.name}`;
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
    } catch {
      console.log(`UNUSABLE ${name}: kubernetes-models has no ${apiVersion} ${kind}`);
      process.exit(2);
    }
    try {
      new model(object).validate();
      console.log(`VALID ${name}`);
    } catch (error) {
      invalid++;
      console.log(`INVALID ${name}: ${error.message}`);
    }
  }
}
process.exit(invalid > 0 ? 1 : 0);
