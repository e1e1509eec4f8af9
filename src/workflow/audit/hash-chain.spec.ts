import { canonicalJson, chainHash, ChainedFields, GENESIS_HASH, verifyChain } from './hash-chain';

function entry(seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    bodyId: 'b1',
    subjectType: 'paper',
    subjectId: 'p1',
    seq,
    type: seq === 1 ? 'CREATE' : 'SIGN',
    actorId: 'u1',
    actorName: 'clerk',
    at: new Date(Date.UTC(2021, 7, 16, 8, seq)),
    fromState: seq === 1 ? null : 'signOff',
    toState: 'signOff',
    payload: { n: seq },
    machineVersion: 1,
    ...overrides,
  };
}

function chain(n: number) {
  const out: (ChainedFields & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = entry(seq);
    const hash = chainHash(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, entries: 5 });
  });

  it('names the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], payload: { n: 999 } };
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 3, reason: 'content does not match its hash' });
  });

  it('detects a changed actor or time', () => {
    const byActor = chain(3);
    byActor[1] = { ...byActor[1], actorName: 'admin' };
    expect(verifyChain(byActor).firstBroken?.seq).toBe(2);
    const byTime = chain(3);
    byTime[0] = { ...byTime[0], at: new Date(0) };
    expect(verifyChain(byTime).firstBroken?.seq).toBe(1);
  });

  it('detects a removed entry and a re-hashed forgery', () => {
    const entries = chain(4);
    expect(verifyChain([entries[0], entries[2], entries[3]]).firstBroken).toEqual({
      seq: 3,
      reason: 'expected seq 2: an entry is missing',
    });
    const forged = chain(4);
    const changed = { ...forged[1], payload: { n: 42 } };
    forged[1] = { ...changed, hash: chainHash(changed.prevHash, changed) };
    expect(verifyChain(forged).firstBroken).toEqual({ seq: 3, reason: 'prevHash does not match the previous entry' });
  });
});
