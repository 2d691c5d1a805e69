// description: Create DUE edges: seq 0 is the final deadline (milestone false), 1.. the dated milestones (edges CREATEd: the load_clear_* steps removed the old ones)
// params: rows:list
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure})
MATCH (d:Deadline {id: row.deadline})
// Properties inside CREATE (see load_leads: a SET after it is quadratic on LadybugDB).
CREATE (m)-[:DUE {seq: row.seq, milestone: row.milestone, text: row.text, action: row.action,
                  before_publication: row.before_publication}]->(d)
