// description: Incremental linking: delete the FOLLOWS edges from the tasks of each pair's lower document to the tasks of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Document {id: p.lower})-[:HAS_TASK]->(:Task)-[r:FOLLOWS]->(:Task)<-[:HAS_TASK]-(b:Document {id: p.upper})
DELETE r
