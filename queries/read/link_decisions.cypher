// description: Every reviewed link decision, oldest first (append-only: the last one of a measure pair is the one in force; graph.linking.decision_store resolves the ids after reloads)
// params: none
// example:
MATCH (d:LinkDecision)
RETURN d.id AS id, d.lower_id AS lower_id, d.upper_id AS upper_id, d.lower_fp AS lower_fp, d.upper_fp AS upper_fp,
       d.lower_text AS lower_text, d.upper_text AS upper_text, d.decision AS decision, d.decided_by AS decided_by,
       d.at AS at, d.source AS source, d.source_row AS source_row, d.note AS note
ORDER BY at, id
