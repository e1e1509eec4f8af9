/** What a field of client input was refused for: `{ field: 'consultations.0.reporter', messages }`. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

// PostgreSQL refuses NUL in text; a lone surrogate has no UTF-8 form at all (with `u`, a
// well-formed pair is one code point, so \p{Cs} matches only unpaired halves).
const NUL = /\u0000/;
const LONE_SURROGATE = /\p{Cs}/u;

function textProblems(text: string): string[] {
  const messages: string[] = [];
  if (NUL.test(text)) messages.push('must not contain NUL characters');
  if (LONE_SURROGATE.test(text)) messages.push('must not contain unpaired UTF-16 surrogates');
  return messages;
}

const join = (prefix: string, key: string | number) => (prefix === '' ? String(key) : `${prefix}.${key}`);

/** Keys JSON.parse makes own properties but class-transformer drops silently, so no "unknown field" 400 would name them. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor']);

/**
 * Walks parsed input (body, query, path parameters) and names every string, and every
 * key, that text columns cannot hold, and every key that would vanish in
 * transformation instead of being refused as unknown. Iterative, so no input depth
 * reaches the stack.
 */
export function findUnacceptableRawInput(value: unknown, root = ''): FieldProblem[] {
  return walk(value, root, (node, path) => {
    if (typeof node !== 'string') return undefined;
    const messages = textProblems(node);
    return messages.length ? { field: path, messages } : undefined;
  }, (key, path) => {
    if (RESERVED_KEYS.has(key)) return { field: path, messages: [`property ${key} should not exist`] };
    const messages = textProblems(key);
    return messages.length ? { field: path, messages: messages.map((m) => `field name ${m}`) } : undefined;
  });
}

/**
 * Names every integer beyond ±(2^53 − 1): JavaScript cannot hold it exactly, and a
 * page number or version that large overflows the bigint it is compared with.
 */
export function findUnsafeIntegers(value: unknown, root = ''): FieldProblem[] {
  return walk(value, root, (node, path) =>
    typeof node === 'number' && Number.isInteger(node) && !Number.isSafeInteger(node)
      ? { field: path, messages: [`${path || 'value'} must be an integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`] }
      : undefined,
  );
}

function walk(
  value: unknown,
  root: string,
  visit: (node: unknown, path: string) => FieldProblem | undefined,
  visitKey?: (key: string, path: string) => FieldProblem | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    const problem = visit(node, path);
    if (problem) problems.push(problem);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], join(path, i)]);
    } else if (node !== null && typeof node === 'object' && !(node instanceof Date) && !ArrayBuffer.isView(node)) {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const keyProblem = visitKey?.(key, join(path, key));
        if (keyProblem) problems.push(keyProblem);
        stack.push([(node as Record<string, unknown>)[key], join(path, key)]);
      }
    }
  }
  return problems;
}

const PLAIN_TYPES = new Set<unknown>([Object, Array, String, Number, Boolean, Date]);

/**
 * Names every DTO property declared as one nested object (its design type a class) that
 * holds an array: class-validator's @ValidateNested validates an array's items one by
 * one, so `climateImpact: [{…}]` or `[]` would pass as if it were the object.
 */
export function findArraysForObjects(dto: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: [unknown, string][] = [[dto, root]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) {
      // No field of ours is a list of lists: class-transformer and class-validator would
      // walk an inner list as if it were the element (`bias: [[{…}]]` passed as a list
      // of Befangenheit entries).
      node.forEach((item, i) =>
        Array.isArray(item) ? problems.push({ field: join(path, i), messages: ['must not be a list'] }) : stack.push([item, join(path, i)]),
      );
      continue;
    }
    if (node === null || typeof node !== 'object' || node.constructor === Object) continue;
    for (const [key, value] of Object.entries(node)) {
      const declared: unknown = Reflect.getMetadata('design:type', Object.getPrototypeOf(node), key);
      if (typeof declared === 'function' && !PLAIN_TYPES.has(declared) && Array.isArray(value)) {
        problems.push({ field: join(path, key), messages: [`${key} must be an object, not an array`] });
      } else {
        stack.push([value, join(path, key)]);
      }
    }
  }
  return problems;
}
