// description: Reload step: delete the responsibility edges into the measures of the documents being loaded (re-created)
// params: document_ids:list
// Anchored on each Document's primary key (not a scan of every Measure by document_id).
UNWIND $document_ids AS document_id
MATCH (:Document {id: document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(:Unit)
DELETE r
