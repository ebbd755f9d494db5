// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// Checks the console tool definitions printed by print_tool_definitions:
//  (a) every input_schema compiles with Ajv (JSON Schema 2020-12, strict mode), every example call
//      validates, and broken calls (a required argument missing, a value of the wrong type, an unknown
//      argument, a number below its minimum, a value outside its enum) are rejected;
//  (b) every definition has the shape OpenAI function definitions and Anthropic tool definitions accept
//      as they are, checked directly and by validating both wrapped forms against schemas of those shapes.
//
// Usage: node schema_check.mjs TOOL-DEFINITIONS.json
// Exit status: 0 all checks pass, 1 a check failed, 2 bad usage, 77 skipped (node_modules not installed).

import { existsSync, readFileSync } from "node:fs";

const SKIP = 77;

const definitionsFile = process.argv[2];
if (!definitionsFile) {
    console.error("usage: node schema_check.mjs TOOL-DEFINITIONS.json");
    process.exit(2);
}

// Ajv comes from test/node/node_modules (installed by scripts/setup.sh, not committed): without it the
// check cannot run, which is a skip, not a failure.
if (!existsSync(new URL("./node_modules/ajv/package.json", import.meta.url))) {
    console.log("SKIP: test/node/node_modules is missing (run scripts/setup.sh to install Ajv)");
    process.exit(SKIP);
}
const ajvModule = await import("ajv/dist/2020.js");
const Ajv2020 = ajvModule.default.default ?? ajvModule.default;

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const counts = { definitions: 0, examples: 0, rejected: 0, wrapped: 0 };

// Strict mode catches unknown keywords, `required` names without a property, and type mistakes. Type
// unions are plain JSON Schema (`["string", "null"]` for an optional argument that may be null) and are
// accepted by both APIs, so they are allowed explicitly.
const newAjv = () => new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });

// ---- (b) shapes both APIs accept ----

const NAME = "^[a-zA-Z0-9_-]{1,64}$";
// Keywords neither API accepts at the top level of a tool's parameters.
const forbiddenTopLevel = ["oneOf", "anyOf", "allOf", "enum", "not"];

const parametersShape = {
    type: "object",
    required: ["type", "properties"],
    properties: {
        type: { const: "object" },
        properties: { type: "object" },
        ...Object.fromEntries(forbiddenTopLevel.map((k) => [k, false])),
    },
};

const openaiFunctionShape = {
    type: "object",
    required: ["type", "function"],
    additionalProperties: false,
    properties: {
        type: { const: "function" },
        function: {
            type: "object",
            required: ["name", "description", "parameters"],
            additionalProperties: false,
            properties: {
                name: { type: "string", pattern: NAME },
                description: { type: "string", minLength: 1 },
                parameters: parametersShape,
            },
        },
    },
};

const anthropicToolShape = {
    type: "object",
    required: ["name", "description", "input_schema"],
    additionalProperties: false,
    properties: {
        name: { type: "string", pattern: NAME },
        description: { type: "string", minLength: 1 },
        input_schema: parametersShape,
    },
};

const shapes = newAjv();
const validOpenai = shapes.compile(openaiFunctionShape);
const validAnthropic = shapes.compile(anthropicToolShape);

function checkShape(where, d) {
    if (typeof d.name !== "string" || !new RegExp(NAME).test(d.name)) fail(where, `name ${JSON.stringify(d.name)}`);
    if (typeof d.description !== "string" || d.description.trim() === "") fail(where, "no description");
    const s = d.input_schema;
    if (typeof s !== "object" || s === null || Array.isArray(s)) {
        fail(where, "input_schema is not an object");
        return;
    }
    if (s.type !== "object") fail(where, `top-level type is ${JSON.stringify(s.type)}, not "object"`);
    if (typeof s.properties !== "object" || s.properties === null) fail(where, "no top-level properties");
    for (const k of forbiddenTopLevel) if (k in s) fail(where, `top-level ${k}`);

    const openai = { type: "function", function: { name: d.name, description: d.description, parameters: s } };
    const anthropic = { name: d.name, description: d.description, input_schema: s };
    if (!validOpenai(openai)) fail(where, `OpenAI function form: ${shapes.errorsText(validOpenai.errors)}`);
    if (!validAnthropic(anthropic))
        fail(where, `Anthropic tool form: ${shapes.errorsText(validAnthropic.errors)}`);
    // Both forms must survive a JSON round trip unchanged (what an HTTP client sends).
    for (const form of [openai, anthropic])
        if (JSON.stringify(JSON.parse(JSON.stringify(form))) !== JSON.stringify(form)) fail(where, "not plain JSON");
    counts.wrapped += 2;
}

// ---- (a) schemas, examples and broken calls ----

function jsonType(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;  // string, boolean, object
}

function allows(types, v) {
    const t = jsonType(v);
    return types.includes(t) || (t === "integer" && types.includes("number"));
}

// A value none of the property's types accepts, preferring a plausible model mistake.
function wrongValueFor(property) {
    const types = Array.isArray(property.type) ? property.type : [property.type];
    return ["seven", 7, 7.5, true, null, ["x"], { x: 1 }].find((v) => !allows(types, v));
}

function checkRejected(where, validate, args, why) {
    if (validate(args)) fail(where, `accepted ${why}: ${JSON.stringify(args)}`);
    else counts.rejected += 1;
}

function checkSchemaAndExamples(where, d) {
    const ajv = newAjv();
    let validate;
    try {
        validate = ajv.compile(d.input_schema);
    } catch (e) {
        fail(where, `input_schema does not compile: ${e.message}`);
        return;
    }
    const schema = d.input_schema;
    const required = schema.required ?? [];
    const properties = schema.properties ?? {};

    if (!Array.isArray(d.input_examples) || d.input_examples.length < 2)
        fail(where, "fewer than two input_examples");
    const examples = d.input_examples ?? [];
    if (Object.keys(properties).length > required.length &&
        !examples.some((e) => Object.keys(e).some((k) => !required.includes(k))))
        fail(where, "no example uses an optional argument");
    for (const example of examples) {
        if (validate(example)) counts.examples += 1;
        else fail(where, `example ${JSON.stringify(example)} is invalid: ${ajv.errorsText(validate.errors)}`);
    }

    const base = examples.find((e) => validate(e)) ?? {};
    for (const name of required) {
        const missing = { ...base };
        delete missing[name];
        checkRejected(where, validate, missing, `a call without required '${name}'`);
    }
    for (const [name, property] of Object.entries(properties)) {
        checkRejected(where, validate, { ...base, [name]: wrongValueFor(property) }, `a mistyped '${name}'`);
        if (typeof property.minimum === "number")
            checkRejected(where, validate, { ...base, [name]: property.minimum - 1 }, `'${name}' below its minimum`);
        if (Array.isArray(property.enum))
            checkRejected(where, validate, { ...base, [name]: "not_a_choice" }, `'${name}' outside its enum`);
    }
    checkRejected(where, validate, { ...base, no_such_argument: 1 }, "an unknown argument");
}

// ---- run ----

let definitions;
try {
    definitions = JSON.parse(readFileSync(definitionsFile, "utf8"));
} catch (e) {
    console.error(`cannot read ${definitionsFile}: ${e.message}`);
    process.exit(1);
}
if (!Array.isArray(definitions) || definitions.length === 0) {
    console.error(`${definitionsFile} holds no definitions`);
    process.exit(1);
}

const namesByFormat = new Map();
for (const d of definitions) {
    const where = `${d.edit_format ?? "?"}/${d.name}`;
    const names = namesByFormat.get(d.edit_format) ?? new Set();
    if (names.has(d.name)) fail(where, "name appears twice");
    names.add(d.name);
    namesByFormat.set(d.edit_format, names);
    checkShape(where, d);
    checkSchemaAndExamples(where, d);
    counts.definitions += 1;
}
for (const [format, names] of namesByFormat) {
    for (const expected of ["ls", "read_file", "write_file", "glob", "grep", "execute"])
        if (!names.has(expected)) fail(format, `${expected} is missing`);
    const edit = format === "hashline" ? "hashline_edit" : "edit_file";
    if (!names.has(edit)) fail(format, `${edit} is missing`);
}

if (failures.length > 0) {
    for (const f of failures) console.error(`FAIL ${f}`);
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
}
console.log(`${counts.definitions} definitions: schemas compile (Ajv 2020-12, strict), ` +
            `${counts.examples} examples valid, ${counts.rejected} broken calls rejected, ` +
            `${counts.wrapped} OpenAI/Anthropic tool forms valid`);
