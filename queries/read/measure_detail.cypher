// description: One measure with its task, document, deadline, milestones and clause as written
// params: id:str
// example: id=西青区人民政府-2022-07-27:7.1
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure {id: $id})
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       m.clause_text AS clause_text, m.line AS line, m.milestones AS milestones, m.leaders AS leaders,
       m.deadline_action AS deadline_action, m.before_publication AS before_publication
ORDER BY id
