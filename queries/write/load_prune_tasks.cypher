// description: Reload step: delete the document's tasks that the new version no longer has
// params: document_id:str, keep:list
// Anchored on the Document's primary key (not a scan of every Task by document_id).
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(t:Task)
WHERE NOT t.id IN $keep
DETACH DELETE t
