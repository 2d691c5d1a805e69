// description: Measures as measure_detail reads one (task, document, deadline, milestones, clause as written), by id; in no particular order (a chain's record keeps its measure's row: a chain then skips measure_detail)
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1,xiqing-2022:4.1
// measure_detail's columns, reached as measure_rows reaches them: three primary-key lookups
// per id (LadybugDB plans the edge pattern after UNWIND as a scan of every task).  The tests
// hold chain and measure answers built from these rows equal to measure_detail's.
UNWIND $ids AS mid
MATCH (m:Measure {id: mid})
MATCH (t:Task {id: m.task_id})
MATCH (d:Document {id: m.document_id})
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       m.clause_text AS clause_text, m.line AS line, m.milestones AS milestones, m.leaders AS leaders,
       m.deadline_action AS deadline_action, m.before_publication AS before_publication
