// description: Upsert the document's Measure nodes (a reload's kept measures keep their id and links; load_has_measure then links them all to their tasks)
// params: rows:list
// A keyed upsert without MERGE (see load_units): at 900 loaded documents the MERGE of this
// step was 10 s of a 100-document batch's 22 s.
UNWIND $rows AS row
OPTIONAL MATCH (m:Measure {id: row.id})
SET m.document_id = row.document_id, m.task_id = row.task_id, m.task_seq = row.task_seq,
    m.task_number = row.task_number, m.number = row.number, m.clause = row.clause,
    m.text = row.text, m.clause_text = row.clause_text, m.line = row.line,
    m.open_ended = row.open_ended, m.deadline_text = row.deadline_text,
    m.deadline_kind = row.deadline_kind, m.deadline_date = row.deadline_date,
    m.deadline_action = row.deadline_action, m.before_publication = row.before_publication,
    m.milestones = row.milestones, m.leaders = row.leaders
WITH row, m
WHERE m IS NULL
CREATE (:Measure {id: row.id, document_id: row.document_id, task_id: row.task_id, task_seq: row.task_seq,
                  task_number: row.task_number, number: row.number, clause: row.clause,
                  text: row.text, clause_text: row.clause_text, line: row.line,
                  open_ended: row.open_ended, deadline_text: row.deadline_text,
                  deadline_kind: row.deadline_kind, deadline_date: row.deadline_date,
                  deadline_action: row.deadline_action, before_publication: row.before_publication,
                  milestones: row.milestones, leaders: row.leaders})
