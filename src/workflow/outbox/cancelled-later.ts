/**
 * SQL predicate, true when a later transition of the subject cancelled this deadline
 * group (a `cancelDeadline` outbox row caused by a higher seq). The outbox owns its table:
 * the deadlines module embeds this where it must decide it inside one statement.
 */
export function cancelledLaterSql(subjectId: string, group: string, seq: string): string {
  return `EXISTS (SELECT 1 FROM outbox_message o WHERE o.subject_id = ${subjectId} AND o.kind = 'cancelDeadline'
    AND o.payload->>'kind' = ${group} AND o.caused_by_seq > ${seq})`;
}
