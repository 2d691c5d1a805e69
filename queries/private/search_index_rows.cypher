// description: What the embedded store's search index holds of these documents' measures (graph/search_index.py copies them after each write)
// params: ids:list
// Anchored on each document's primary key.
UNWIND $ids AS did
MATCH (d:Document {id: did})-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS doc, m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.task_number AS task_number, m.deadline_date AS deadline_date, m.text AS text,
       t.title AS task_title, d.title AS document_title
