// description: Reload step: delete the HAS_MEASURE edges into the measures of the documents being loaded (re-created; runs after the other clear steps, which reach the measures through these edges)
// params: document_ids:list
// Anchored on each Document's primary key (not a scan of every Measure by document_id).
UNWIND $document_ids AS document_id
MATCH (:Document {id: document_id})-[:HAS_TASK]->(:Task)-[r:HAS_MEASURE]->(:Measure)
DELETE r
