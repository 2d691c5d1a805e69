// description: What the embedded store's search index holds of these documents' measures (graph/search_index.py copies them after each write)
// params: ids:list
// Anchored on each document's primary key, then optional hops from the bound nodes: a
// plain MATCH of the edges after UNWIND is planned by LadybugDB as a hash join with the
// whole HAS_TASK and HAS_MEASURE tables (197 ms for one document at 1,000 documents,
// 4 ms this way), paid by every upload.
UNWIND $ids AS did
MATCH (d:Document {id: did})
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
WITH d, t
WHERE t IS NOT NULL
OPTIONAL MATCH (t)-[:HAS_MEASURE]->(m:Measure)
WITH d, t, m
WHERE m IS NOT NULL
RETURN d.id AS doc, m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.task_number AS task_number, m.deadline_date AS deadline_date, m.text AS text,
       t.title AS task_title, d.title AS document_title
