// description: Upsert the document's Task nodes; a new task gets its HAS_TASK edge
// params: rows:list
// A keyed upsert without MERGE (see load_units).  A task id holds its document id
// (graph.rows) and a task is only ever created with its HAS_TASK edge, so a stored task
// has it already: only the new ones get one (MERGE of the edge scanned HAS_TASK whole).
UNWIND $rows AS row
OPTIONAL MATCH (t:Task {id: row.id})
SET t.document_id = row.document_id, t.seq = row.seq, t.number = row.number, t.title = row.title
WITH row, t
WHERE t IS NULL
MATCH (d:Document {id: row.document_id})
CREATE (d)-[:HAS_TASK]->(:Task {id: row.id, document_id: row.document_id, seq: row.seq,
                                number: row.number, title: row.title})
