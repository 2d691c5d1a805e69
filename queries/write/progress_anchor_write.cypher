// description: Write re-anchoring records (free ProgressAnchor nodes, one per progress group that does not stay at its measure id; graph.progress_anchor)
// params: rows:list
UNWIND $rows AS row
MERGE (a:ProgressAnchor {id: row.id})
SET a.document_id = row.document_id, a.measure_id = row.measure_id, a.fingerprint = row.fingerprint,
    a.target = row.target, a.method = row.method, a.score = row.score, a.snippet = row.snippet
