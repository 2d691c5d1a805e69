// description: Reload step: delete every Target of the document (they are re-created)
// params: document_id:str
// Anchored on the Document's primary key (not a scan of every Target by document_id).
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[:HAS_TARGET]->(g:Target)
DETACH DELETE g
