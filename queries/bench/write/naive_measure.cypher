// description: Naive baseline: upsert one Measure and its HAS_MEASURE edge per statement
// params: id:str, document_id:str, task_id:str, task_seq:str, task_number:int, number:int, clause:int, text:str, clause_text:str, line:int, open_ended:bool, deadline_text:str=null, deadline_kind:str=null, deadline_date:str=null, deadline_action:str=null, before_publication:bool=false, milestones:list=[]
MATCH (t:Task {id: $task_id})
MERGE (m:Measure {id: $id})
SET m.document_id = $document_id, m.task_id = $task_id, m.task_seq = $task_seq,
    m.task_number = $task_number, m.number = $number, m.clause = $clause,
    m.text = $text, m.clause_text = $clause_text, m.line = $line,
    m.open_ended = $open_ended, m.deadline_text = $deadline_text,
    m.deadline_kind = $deadline_kind, m.deadline_date = $deadline_date,
    m.deadline_action = $deadline_action, m.before_publication = $before_publication,
    m.milestones = $milestones
MERGE (t)-[:HAS_MEASURE]->(m)
