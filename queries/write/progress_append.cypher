// description: Append progress updates (free Progress nodes keyed by id, obligation_id and measure_id: no edge, so reloads and relinking never touch them); MERGE on id keeps a retried or re-imported update single, ON CREATE never rewrites one
// params: rows:list
// measure_fp / measure_text: the fingerprint and text of the measure the update was written against (graph.progress_anchor).
// percent travels in progress_set_percent: a field that is null in every row would be typed STRING on LadybugDB.
UNWIND $rows AS row
MERGE (p:Progress {id: row.id})
ON CREATE SET p.obligation_id = row.obligation_id, p.measure_id = row.measure_id, p.unit = row.unit,
    p.seq = row.seq, p.at = row.at, p.status = row.status, p.text = row.text, p.evidence = row.evidence,
    p.person = row.person, p.agency = row.agency, p.token_name = row.token_name, p.source = row.source,
    p.measure_fp = row.measure_fp, p.measure_text = row.measure_text
