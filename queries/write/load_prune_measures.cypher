// description: Reload step: delete the measures of the documents being loaded that their new versions no longer have
// params: documents:list
// $documents: one row per document, {id, measures: the new version's measure ids, tasks}.
// Anchored on each Document's primary key (not a scan of every Measure by document_id).
UNWIND $documents AS doc
MATCH (:Document {id: doc.id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE NOT m.id IN doc.measures
DETACH DELETE m
