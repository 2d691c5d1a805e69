// LadybugDB spelling: one hop per MATCH from the bound document (see load_prune_targets).
UNWIND $document_ids AS document_id
MATCH (d:Document {id: document_id})
WITH d, document_id
MATCH (d)-[:HAS_TASK]->(t:Task)
WITH t, document_id
MATCH (t)-[r:HAS_MEASURE]->()
DELETE r
