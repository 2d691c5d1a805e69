// description: Linking input of given documents only (incremental relinking): their tasks with title, in linking_tasks order
// params: ids:list
// example: ids=西青区人民政府-2022-07-27
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.id IN $ids
RETURN t.id AS id, d.id AS document_id, t.number AS number, t.seq AS seq, t.title AS title
ORDER BY document_id, number, id
