// description: One document's measures in order, with task and deadline
// params: document:str
// example: document=西青区人民政府-2022-07-27
// Cost: the document: a unique-key lookup, then its own tasks and measures (GET
// /measures?document=... starts here; `measures_list` with a document filter reads every
// measure on LadybugDB).
MATCH (d:Document {id: $document})-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date
ORDER BY document_id, number, clause, id
