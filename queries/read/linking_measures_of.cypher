// description: Linking input of given documents only (incremental relinking): their measures with task and text, in linking_measures order
// params: ids:list
// example: ids=西青区人民政府-2022-07-27
MATCH (t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE m.document_id IN $ids
RETURN m.id AS id, m.document_id AS document_id, t.id AS task_id, m.number AS number,
       m.clause AS clause, m.text AS text
ORDER BY document_id, number, clause, id
