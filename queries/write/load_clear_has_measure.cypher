// description: Reload step: delete the HAS_MEASURE edges into the document's measures (re-created; runs after the other clear steps, which reach the measures through these edges)
// params: document_id:str
// Anchored on the Document's primary key (not a scan of every Measure by document_id).
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[r:HAS_MEASURE]->(:Measure)
DELETE r
