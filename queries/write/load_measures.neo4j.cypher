// Neo4j spelling: MERGE, as before issue 16.  Neo4j plans it as a seek on the uniqueness
// constraint (no scan), and it refuses a null key, which CREATE on Neo4j would store as a
// node without one (LadybugDB refuses a null primary key in CREATE by itself).
UNWIND $rows AS row
MERGE (m:Measure {id: row.id})
SET m.document_id = row.document_id, m.task_id = row.task_id, m.task_seq = row.task_seq,
    m.task_number = row.task_number, m.number = row.number, m.clause = row.clause,
    m.text = row.text, m.clause_text = row.clause_text, m.line = row.line,
    m.open_ended = row.open_ended, m.deadline_text = row.deadline_text,
    m.deadline_kind = row.deadline_kind, m.deadline_date = row.deadline_date,
    m.deadline_action = row.deadline_action, m.before_publication = row.before_publication,
    m.milestones = row.milestones, m.leaders = row.leaders
