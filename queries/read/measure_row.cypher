// description: One measure as a listing row (task, document, deadline), by id
// params: id:str
// example: id=西青区人民政府-2022-07-27:7.1
// One pattern from the measure back to its task and document: a unique-key lookup and
// two hops on either engine (LadybugDB plans `(d)-[:HAS_TASK]->(t)-[:HAS_MEASURE]->(m)`
// after a WITH as a scan of every task).
MATCH (m:Measure {id: $id})<-[:HAS_MEASURE]-(t:Task)<-[:HAS_TASK]-(d:Document)
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date
