// description: Incremental linking: delete the CONTRIBUTES_TO edges from the targets of each pair's lower document to the targets of its upper document
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Target)-[r:CONTRIBUTES_TO]->(b:Target)
WHERE a.document_id = p.lower AND b.document_id = p.upper
DELETE r
