import { tooDeepAt } from './json-body';

const scan = (json: string, max = 3) => tooDeepAt(Buffer.from(json, 'utf8'), max);

describe('tooDeepAt (raw JSON depth, before parsing)', () => {
  it('passes JSON within the bound', () => {
    expect(scan('{"a":{"b":[1,2,{"c":3}]}}', 4)).toBeUndefined();
    expect(scan('{"a":{"b":[1]}}')).toBeUndefined();
    expect(scan('"just a string"')).toBeUndefined();
  });

  it('names the top-level field holding the deep part', () => {
    expect(scan('{"ok":1,"deep":{"b":[[1]]}}')).toBe('deep');
    expect(scan('{"x":"{{{{[[[[","deep":{"b":[[1]]}}')).toBe('deep');
    expect(scan('[1,{"a":1},[[[2]]]]')).toBe('2');
    expect(scan('[[[[1]]]]')).toBe('0');
  });

  it('ignores brackets, quotes and backslashes inside strings', () => {
    expect(scan('{"a":"[[[[{{{{","b":"\\\\","c":"\\"[[[["}')).toBeUndefined();
    expect(scan('{"a\\"{{{":{"b":{"c":{}}}}')).toBe('a"{{{');
  });

  it('reads multi-byte UTF-8 keys and values', () => {
    expect(scan('{"ä[":"ö{","Größe":{"x":{"y":{}}}}')).toBe('Größe');
  });

  it('scans 10,000 levels without recursion', () => {
    expect(tooDeepAt(Buffer.from(`{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`))).toBe('a');
  });
});
