// description: Incremental linking: delete the CONTRIBUTES_TO edges from the targets of each pair's lower document to the targets of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Document {id: p.lower})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[:HAS_TARGET]->(:Target)-[r:CONTRIBUTES_TO]->(g:Target)
WHERE g.document_id = p.upper
DELETE r
