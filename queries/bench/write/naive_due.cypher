// description: Naive baseline: one DUE edge per statement
// params: measure:str, deadline:str, seq:int, milestone:bool, text:str=null, action:str=null, before_publication:bool=false
MATCH (m:Measure {id: $measure})
MATCH (d:Deadline {id: $deadline})
MERGE (m)-[r:DUE {seq: $seq}]->(d)
SET r.milestone = $milestone, r.text = $text, r.action = $action,
    r.before_publication = $before_publication
