// description: Upsert the document's Task nodes and their HAS_TASK edges
// params: rows:list
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
MERGE (t:Task {id: row.id})
SET t.document_id = row.document_id, t.seq = row.seq, t.number = row.number, t.title = row.title
MERGE (d)-[:HAS_TASK]->(t)
