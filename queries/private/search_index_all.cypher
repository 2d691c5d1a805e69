// description: What a search index holds of every measure (graph/search_index.py and graph/search_replica.py build from it)
// params: none
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS doc, m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.task_number AS task_number, m.deadline_date AS deadline_date, m.text AS text,
       t.title AS task_title, d.title AS document_title
