// description: Measures as listing rows (task, document, deadline), by id (one page of search hits); in no particular order
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1,xiqing-2022:4.1
// Three primary-key lookups per id (the task and document by the ids the load wrote with
// the HAS_MEASURE/HAS_TASK edges): LadybugDB plans the edge pattern after UNWIND as a
// scan of every task (25 ms at 100 documents against 3.5 ms).
UNWIND $ids AS mid
MATCH (m:Measure {id: mid})
MATCH (t:Task {id: m.task_id})
MATCH (d:Document {id: m.document_id})
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date
