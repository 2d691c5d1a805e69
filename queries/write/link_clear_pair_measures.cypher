// description: Incremental linking: delete the measure IMPLEMENTS edges from the measures of each pair's lower document to the measures of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Measure)-[r:IMPLEMENTS]->(b:Measure)
WHERE a.document_id = p.lower AND b.document_id = p.upper
DELETE r
