// description: The measures one measure directly implements (one IMPLEMENTS hop up), by id
// params: id:str
// example: id=西青区人民政府-2022-07-27:7.1
// One hop from a unique-key lookup: the chain (queries/chain.py) walks the levels with
// it.  A variable-length IMPLEMENTS*1..3 pattern costs the size of the IMPLEMENTS table
// on LadybugDB (17 ms at 20,000 links against 0.2 ms a hop).
MATCH (s:Measure {id: $id})-[l:IMPLEMENTS]->(m:Measure)
RETURN m.id AS id, l.score AS score
ORDER BY id
