// description: Measures whose text contains the given words (exact substring; empty: all), in document order
// params: q:str, limit:int=50
// example: q=财政
MATCH (t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE $q = '' OR m.text CONTAINS $q
RETURN m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.text AS text, t.seq AS task_seq, t.title AS task_title,
       m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date
ORDER BY document_id, number, clause
LIMIT $limit
