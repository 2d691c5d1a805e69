// description: Incremental linking: delete the FOLLOWS edges from the tasks of each pair's lower document to the tasks of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Task)-[r:FOLLOWS]->(b:Task)
WHERE a.document_id = p.lower AND b.document_id = p.upper
DELETE r
