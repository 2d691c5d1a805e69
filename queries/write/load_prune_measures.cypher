// description: Reload step: delete the document's measures that the new version no longer has
// params: document_id:str, keep:list
// Anchored on the Document's primary key (not a scan of every Measure by document_id).
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE NOT m.id IN $keep
DETACH DELETE m
