// LadybugDB spelling: one hop per MATCH from the bound document (see load_prune_targets).
UNWIND $documents AS doc
MATCH (d:Document {id: doc.id})
WITH d, doc
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE NOT t.id IN doc.tasks
DETACH DELETE t
