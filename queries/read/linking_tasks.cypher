// description: Linking input: every task with its document and title
// params: none
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
RETURN t.id AS id, d.id AS document_id, t.number AS number, t.seq AS seq, t.title AS title
ORDER BY document_id, number, id
