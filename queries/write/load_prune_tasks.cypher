// description: Reload step: delete the document's tasks that the new version no longer has
// params: document_id:str, keep:list
MATCH (t:Task {document_id: $document_id})
WHERE NOT t.id IN $keep
DETACH DELETE t
