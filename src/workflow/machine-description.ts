import type { AnyStateMachine } from 'xstate';

export interface StateDescription {
  id: string;
  type: string;
  initial?: string;
  transitions: { event: string; target: string | null; guard?: string }[];
  states?: Record<string, StateDescription>;
}

type Node = AnyStateMachine['root'];

/** A JSON description of a machine: states, their transitions with targets and guards. */
export function describeMachine(machine: AnyStateMachine, version: number) {
  return { id: machine.id, version, root: describeNode(machine.root) };
}

function describeNode(node: Node): StateDescription {
  const transitions = [...node.transitions.entries()].flatMap(([event, list]) =>
    list.map((t) => ({
      event,
      target: t.target?.length ? t.target.map((s) => relativeId(s.id)).join(',') : null,
      ...(t.guard ? { guard: guardName(t.guard) } : {}),
    })),
  );
  const children = Object.entries(node.states);
  return {
    id: relativeId(node.id),
    type: node.type,
    ...(node.initial?.target?.[0] ? { initial: node.initial.target[0].key } : {}),
    transitions,
    ...(children.length ? { states: Object.fromEntries(children.map(([k, child]) => [k, describeNode(child as Node)])) } : {}),
  };
}

function relativeId(id: string): string {
  return id.split('.').slice(1).join('.') || id;
}

function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

/** A Mermaid `stateDiagram-v2` of the machine (nested states as composite states). */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const walk = (node: Node, indent: string) => {
    const children = Object.values(node.states) as Node[];
    if (node.initial?.target?.[0]) lines.push(`${indent}[*] --> ${mermaidId(node.initial.target[0].id)}`);
    for (const child of children) {
      if (Object.keys(child.states).length) {
        lines.push(`${indent}state ${mermaidId(child.id)} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
      if (child.type === 'final') lines.push(`${indent}${mermaidId(child.id)} --> [*]`);
    }
    for (const child of children) {
      for (const [event, list] of child.transitions.entries()) {
        const seen = new Set<string>();
        for (const t of list) {
          for (const target of t.target ?? []) {
            const line = `${indent}${mermaidId(child.id)} --> ${mermaidId(target.id)}: ${event}`;
            if (!seen.has(line)) lines.push(line);
            seen.add(line);
          }
        }
      }
    }
  };
  walk(machine.root, '  ');
  return `${lines.join('\n')}\n`;
}

function mermaidId(id: string): string {
  return relativeId(id).replace(/\./g, '_');
}
