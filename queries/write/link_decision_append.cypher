// description: Append reviewed link decisions (free LinkDecision nodes: no edge, so reloads, pruning and relinking never touch them); each records both measure ids with the fingerprint and text of what the reviewer saw, the decision (confirmed|rejected), who, when, the source file and row, and the note; MERGE on id with ON CREATE keeps a retried write single and never rewrites a decision
// params: rows:list
UNWIND $rows AS row
MERGE (d:LinkDecision {id: row.id})
ON CREATE SET d.lower_id = row.lower_id, d.upper_id = row.upper_id, d.lower_fp = row.lower_fp,
    d.upper_fp = row.upper_fp, d.lower_text = row.lower_text, d.upper_text = row.upper_text,
    d.decision = row.decision, d.decided_by = row.decided_by, d.at = row.at, d.source = row.source,
    d.source_row = row.source_row, d.note = row.note
