// Neo4j spelling: MERGE, as before issue 16.  Neo4j plans it as a seek on the uniqueness
// constraint (no scan), and it refuses a null key, which CREATE on Neo4j would store as a
// node without one (LadybugDB refuses a null primary key in CREATE by itself).
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
MERGE (t:Task {id: row.id})
SET t.document_id = row.document_id, t.seq = row.seq, t.number = row.number, t.title = row.title
MERGE (d)-[:HAS_TASK]->(t)
