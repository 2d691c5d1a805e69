// LadybugDB spelling: one hop per MATCH from the bound document (see load_prune_targets).
UNWIND $document_ids AS document_id
MATCH (doc:Document {id: document_id})
WITH doc, document_id
MATCH (doc)-[:HAS_TASK]->(t:Task)
WITH t, document_id
MATCH (t)-[:HAS_MEASURE]->(m:Measure)
WITH m, document_id
MATCH (m)-[:DUE]->(d:Deadline)
WHERE NOT d.id IN $keep
WITH DISTINCT d
OPTIONAL MATCH (d)<-[:DUE]-(o:Measure)
WHERE NOT o.document_id IN $document_ids
WITH d, count(o) AS others
WHERE others = 0
DETACH DELETE d
