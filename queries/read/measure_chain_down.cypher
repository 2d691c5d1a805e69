// description: The measures implementing a measure, down the levels (city -> district -> ...), with distance
// params: id:str
// example: id=天津市人民政府-2022-05-06:7.1
MATCH p = (m:Measure)-[:IMPLEMENTS*1..3]->(s:Measure {id: $id})
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m)
RETURN DISTINCT m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       length(p) AS depth
ORDER BY depth, id
