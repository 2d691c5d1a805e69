// description: Reload step: delete the tasks of the documents being loaded that their new versions no longer have
// params: documents:list
// $documents: one row per document, {id, measures, tasks: the new version's task ids}.
// Anchored on each Document's primary key (not a scan of every Task by document_id).
UNWIND $documents AS doc
MATCH (:Document {id: doc.id})-[:HAS_TASK]->(t:Task)
WHERE NOT t.id IN doc.tasks
DETACH DELETE t
