// description: Reload step: delete the DUE edges of the document's measures (re-created)
// params: document_id:str
// Anchored on the Document's primary key (not a scan of every Measure by document_id).
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[r:DUE]->(:Deadline)
DELETE r
