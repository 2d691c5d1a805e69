// description: Create DUE edges: seq 0 is the final deadline (milestone false), 1.. the dated milestones (edges CREATEd: the load_clear_* steps removed the old ones)
// params: rows:list
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure})
MATCH (d:Deadline {id: row.deadline})
CREATE (m)-[r:DUE {seq: row.seq}]->(d)
SET r.milestone = row.milestone, r.text = row.text, r.action = row.action,
    r.before_publication = row.before_publication
