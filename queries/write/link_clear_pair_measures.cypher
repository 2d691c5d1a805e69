// description: Incremental linking: delete the measure IMPLEMENTS edges from the measures of each pair's lower document to the measures of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Document {id: p.lower})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[r:IMPLEMENTS]->(m:Measure)
WHERE m.document_id = p.upper
DELETE r
