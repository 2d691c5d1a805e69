// description: Naive baseline: upsert one Task and its HAS_TASK edge per statement
// params: id:str, document_id:str, seq:str, number:int, title:str
MATCH (d:Document {id: $document_id})
MERGE (t:Task {id: $id})
SET t.document_id = $document_id, t.seq = $seq, t.number = $number, t.title = $title
MERGE (d)-[:HAS_TASK]->(t)
