// description: Reload step: delete the document's measures that the new version no longer has
// params: document_id:str, keep:list
MATCH (m:Measure {document_id: $document_id})
WHERE NOT m.id IN $keep
DETACH DELETE m
