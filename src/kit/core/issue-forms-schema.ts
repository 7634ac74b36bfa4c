/**
 * The JSON Schema of GitHub's YAML issue forms from the JSON Schema Store, vendored unchanged beside
 * this file (issue-forms-schema/github-issue-forms.json) from
 * https://github.com/SchemaStore/schemastore/blob/master/src/schemas/json/github-issue-forms.json at
 * commit 062fc4ac6f97288084cb5b5b053b00ad326dffc2.
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
 * compliance with the License. A copy is in ./issue-forms-schema/LICENSE and at
 * http://www.apache.org/licenses/LICENSE-2.0. Distributed under the License on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 */
import schema from "./issue-forms-schema/github-issue-forms.json" with { type: "json" };

export const ISSUE_FORMS_SCHEMA: object = schema;
