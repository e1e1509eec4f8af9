/**
 * A malformed-request generator driven by the app's own OpenAPI document: for every
 * operation it builds one plausible request (real ids where the test knows them) and
 * then breaks it one way at a time — wrong types per field, missing required fields,
 * unknown fields, oversized and unstorable text, numbers out of range, arrays for
 * objects, values outside an enum, bad path and query parameters, broken JSON, deep
 * nesting, wrong content types. Every case is meant to be refused; deterministic for a
 * given seed.
 */

export interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: Parameter[];
  body?: Schema;
}

export interface FuzzCase {
  operation: FuzzOperation;
  label: string;
  /** The URL path with its query string, already encoded. */
  url: string;
  /** Raw body text, sent as is. */
  body?: string;
  contentType?: string;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** A JSON number written as is (beyond what a JS number can hold, or 1e400). */
class RawJson {
  constructor(readonly text: string) {}
}
const RAW_MARK = '\u0001raw:';
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `${RAW_MARK}${v.text}` : v)).replace(
    /"\\u0001raw:([^"]*)"/g,
    '$1',
  );
}

const HUGE = 'x'.repeat(300_000); // above every MaxLength, below the body limit
const NUL = 'Fuzz\u0000Text';
const SURROGATE = 'Fuzz\ud800Text';

export class FuzzGenerator {
  constructor(
    private readonly doc: OpenApiDocument,
    /** Ids the test knows by parameter or field name (`id` per path, `organizationId`, …). */
    private readonly ids: { forPath: (path: string, param: string) => string | undefined; forField: (field: string) => string | undefined },
    private readonly random: () => number,
  ) {}

  resolve(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; i < 10; i++) {
      if (current.$ref) current = this.doc.components?.schemas?.[current.$ref.split('/').pop()!] ?? {};
      else if (current.allOf?.length === 1 && !current.type) current = current.allOf[0];
      else break;
    }
    return current;
  }

  /** A plausible value: required fields only, real ids, dates where the name says so. */
  base(schema: Schema, name = ''): unknown {
    const s = this.resolve(schema);
    if (s.enum?.length) return s.enum[0];
    if (s.properties) {
      const value: Record<string, unknown> = {};
      for (const key of s.required ?? []) value[key] = this.base(s.properties[key] ?? {}, key);
      return value;
    }
    switch (s.type) {
      case 'array':
        return s.items ? [this.base(s.items, name)] : [];
      case 'number':
      case 'integer':
        return typeof s.example === 'number' ? s.example : 1;
      case 'boolean':
        return true;
      default:
        if (/id$/i.test(name)) return this.ids.forField(name) ?? randomUuid(this.random);
        if (/^(start|end)$/.test(name)) return '2031-03-04T17:00:00+01:00';
        if (typeof s.example === 'string') return s.example;
        if (/date|deadline|^(from|to)$/i.test(name)) return '2031-03-04';
        return 'Fuzz';
    }
  }

  /** Values that no field of this schema may take. */
  wrongValues(schema: Schema, required: boolean, name = ''): [string, unknown][] {
    const s = this.resolve(schema);
    const nullIfRequired: [string, unknown][] = required ? [['null', null]] : [];
    if (s.enum?.length) {
      return [['not in enum', 'NOT_AN_ENUM_VALUE'], ['empty string', ''], ['number', 12345], ['enum as array', [s.enum[0]]], ...nullIfRequired];
    }
    if (s.properties) {
      return [['string for object', 'x'], ['number for object', 12345], ['array for object', [this.base(s)]], ['empty array for object', []], ...nullIfRequired];
    }
    switch (s.type) {
      case 'array':
        return [
          ['string for array', 'x'],
          ['object for array', { 0: this.base(s.items ?? {}) }],
          ['number items', [12345]],
          ['nested arrays', [[this.base(s.items ?? {})]]],
          ['1,000 items', Array.from({ length: 1_000 }, () => this.base(s.items ?? {}))],
          ...nullIfRequired,
        ];
      case 'number':
      case 'integer':
        return [
          ['numeric string', '12'],
          ['1e300', 1e300],
          ['-1e300', -1e300],
          ['2^53+1', new RawJson('9007199254740993')],
          ['beyond bigint', new RawJson('99999999999999999999')],
          ['1e400 (Infinity)', new RawJson('1e400')],
          ['-1', -1],
          ['fraction', 1.5],
          ['boolean for number', true],
          ['object for number', {}],
          ...nullIfRequired,
        ];
      case 'boolean':
        return [['string for boolean', 'true'], ['number for boolean', 1], ['object for boolean', {}], ...nullIfRequired];
      case 'object': // a loosely declared field (string or null)
        return [['number', 12345], ['object', {}], ['array', ['x']], ['not a date', 'gestern']];
      default:
        return [
          ['number for string', 12345],
          ['boolean for string', true],
          ['object for string', { a: 'b' }],
          ['array for string', ['x']],
          ['NUL in text', NUL],
          ['lone surrogate in text', SURROGATE],
          ['300,000 characters', HUGE],
          // Free text takes any string; ids and dates do not.
          ...(/id$|date|deadline|^(start|end|from|to)$/i.test(name)
            ? ([['not a uuid or date', '2021-02-31T25:61:00+99:99'], ['empty', '']] as [string, unknown][])
            : []),
          ...nullIfRequired,
        ];
    }
  }

  /** The operation's URL with the given path parameter values (raw: already encoded). */
  private url(op: FuzzOperation, pathValues: Record<string, string> = {}, query = ''): string {
    let url = op.path;
    for (const param of op.pathParams) {
      const value = pathValues[param] ?? encodeURIComponent(this.ids.forPath(op.path, param) ?? randomUuid(this.random));
      url = url.replace(`{${param}}`, value);
    }
    return query ? `${url}?${query}` : url;
  }

  cases(op: FuzzOperation): FuzzCase[] {
    const cases: FuzzCase[] = [];
    const add = (label: string, url: string, body?: string, contentType?: string) => cases.push({ operation: op, label, url, body, contentType });
    const mutating = op.method !== 'GET';
    const baseBody = op.body ? this.base(op.body) : undefined;
    // A mutating operation without a body to break is only sent ids that do not exist.
    const url = (pathValues: Record<string, string> = {}, query = '') =>
      mutating && !op.body ? this.url(op, Object.fromEntries(op.pathParams.map((p) => [p, pathValues[p] ?? randomUuid(this.random)])), query) : this.url(op, pathValues, query);

    for (const param of op.pathParams) {
      for (const [label, value] of [
        ['not a uuid', 'not-a-uuid'],
        ['number', '12345'],
        ['SQL', encodeURIComponent("1' OR '1'='1")],
        ['NUL', 'a%00b'],
        ['invalid UTF-8', '%ED%A0%80'],
        ['bad percent-encoding', '%E0%A4%A'],
        ['5,000 characters', 'a'.repeat(5_000)],
        ['nil uuid', '00000000-0000-0000-0000-000000000000'],
        ['unknown uuid', randomUuid(this.random)],
        ['prototype key', '__proto__'],
        ['constructor', 'constructor'],
        ['dot segments', '..%2F..%2Fetc%2Fpasswd'],
      ] as const) {
        // A well-formed unknown id must not meet a well-formed body of a mutating call.
        const body = baseBody === undefined ? undefined : mutating && /uuid/.test(label) ? toJson({ ...(baseBody as object), __fuzz: 1 }) : toJson(baseBody);
        add(`path ${param}: ${label}`, url({ [param]: value }), body);
      }
    }

    const queryCases: [string, string][] = [['unknown parameter', '__fuzz=1'], ['300 parameters', Array.from({ length: 300 }, (_, i) => `p${i}=1`).join('&')]];
    for (const param of op.queryParams) {
      for (const [label, value] of [
        ['NUL', 'a%00b'],
        ['not in range or enum', 'NOT_VALID'],
        ['1e20', '1e20'],
        ['beyond bigint', '99999999999999999999'],
        ['-1', '-1'],
        ['0', '0'],
        ['fraction', '1.5'],
        ['10,000 characters', 'a'.repeat(10_000)],
        ['empty', ''],
        ['bad date', '2021-13-45'],
        ['bad percent-encoding', '%E0%A4%A'],
      ] as const) {
        queryCases.push([`query ${param.name}: ${label}`, `${param.name}=${value}`]);
      }
      queryCases.push([`query ${param.name}: repeated`, `${param.name}=1&${param.name}=2`]);
      queryCases.push([`query ${param.name}: bracket syntax`, `${param.name}[a]=1`]);
    }
    // Query cases on a mutating call with a body: the body is broken too, so that
    // nothing can be accepted; the query is still parsed and checked first.
    for (const [label, query] of queryCases) {
      add(label, url({}, query), baseBody === undefined ? undefined : toJson({ ...(baseBody as object), __fuzz: 1 }));
    }

    if (op.body) {
      const root = this.resolve(op.body);
      const bodyUrl = this.url(op);
      for (const [label, value] of this.fieldMutations(root, baseBody as Record<string, unknown>, '', 0)) add(`body ${label}`, bodyUrl, toJson(value));
      for (const [label, text, type] of this.wholeBodies(baseBody as Record<string, unknown>, root)) add(`body: ${label}`, bodyUrl, text, type);
    }
    return cases;
  }

  /** One broken field at a time, descending into nested objects and array items. */
  private fieldMutations(schema: Schema, base: Record<string, unknown>, prefix: string, depth: number): [string, unknown][] {
    const out: [string, unknown][] = [];
    const required = new Set(schema.required ?? []);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const field = prefix ? `${prefix}.${key}` : key;
      for (const [label, value] of this.wrongValues(property, required.has(key), key)) out.push([`${field}: ${label}`, { ...base, [key]: value }]);
      const resolved = this.resolve(property);
      const itemSchema = resolved.type === 'array' && resolved.items ? this.resolve(resolved.items) : undefined;
      const nested = resolved.properties ? resolved : itemSchema?.properties ? itemSchema : undefined;
      if (nested && depth < 2) {
        const nestedBase = this.base(nested, key) as Record<string, unknown>;
        const wrap = (v: unknown) => (nested === resolved ? v : [v]);
        for (const [label, value] of this.fieldMutations(nested, nestedBase, nested === resolved ? field : `${field}.0`, depth + 1)) {
          out.push([label, { ...base, [key]: wrap(value) }]);
        }
        out.push([`${field}: unknown nested field`, { ...base, [key]: wrap({ ...nestedBase, __fuzz: 1 }) }]);
      }
    }
    for (const key of required) {
      const { [key]: _dropped, ...rest } = base;
      out.push([`${prefix ? `${prefix}.` : ''}${key}: missing`, rest]);
    }
    out.push([`${prefix || 'root'}: unknown field`, { ...base, __fuzz: 1 }]);
    out.push([`${prefix || 'root'}: unknown field with NUL in its name`, { ...base, 'a\u0000b': 1 }]);
    return out;
  }

  private wholeBodies(base: Record<string, unknown>, root: Schema): [string, string, string?][] {
    const json = toJson(base);
    const first = Object.keys(root.properties ?? {})[0] ?? 'a';
    const rest = json.length > 2 ? `,${json.slice(1)}` : '}';
    // An empty body is the empty DTO: broken only where a field is required.
    const empty: [string, string][] = root.required?.length ? [['empty with a JSON type', '']] : [];
    return [
      ...empty,
      ['truncated', json.slice(0, Math.max(1, json.length - 2))],
      ['no value', `{"${first}":}`],
      ['trailing comma', `{"${first}":1,}`],
      ['single quotes', `{'${first}':'x'}`],
      ['null', 'null'],
      ['array', '[]'],
      ['array of the body', `[${json}]`],
      ['string', '"text"'],
      ['number', '123'],
      ['true', 'true'],
      ['__proto__', `{"__proto__":{"isAdmin":true}${rest}`],
      ['constructor.prototype', `{"constructor":{"prototype":{"isAdmin":true}}${rest}`],
      ['duplicate key, last one wrong', `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"${first}":[[]]}`],
      ['arrays 10,000 deep', `{"${first}":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['objects 10,000 deep', `{"${first}":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`],
      ['33 deep', `{"${first}":${'['.repeat(33)}${']'.repeat(33)}}`],
      ['over the size limit', toJson({ ...base, [first]: 'x'.repeat(1_100_000) })],
      ['NUL byte raw in the text', `{"${first}":"a\u0000b"}`],
      ['invalid UTF-8', `{"${first}":"\u00ff\u00fe"}`, 'application/json; charset=latin1'],
      ['lone surrogate escape', `{"${first}":"\\udfff"}`],
      ['text/plain', json, 'text/plain'],
      ['form', `${first}=x`, 'application/x-www-form-urlencoded'],
      ['multipart', `--b\r\nContent-Disposition: form-data; name="${first}"\r\n\r\nx\r\n--b--`, 'multipart/form-data; boundary=b'],
      ['xml', `<${first}>x</${first}>`, 'application/xml'],
      ['utf-16 charset', json, 'application/json; charset=utf-16'],
      ['unknown charset', json, 'application/json; charset=klingon'],
    ];
  }
}
