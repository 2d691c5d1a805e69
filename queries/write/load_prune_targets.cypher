// description: Reload step: delete every Target of the documents being loaded (they are re-created)
// params: document_ids:list
// Anchored on each Document's primary key (not a scan of every Target by document_id).
UNWIND $document_ids AS document_id
MATCH (:Document {id: document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[:HAS_TARGET]->(g:Target)
DETACH DELETE g
