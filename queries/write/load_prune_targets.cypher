// description: Reload step: delete every Target of the document (they are re-created)
// params: document_id:str
MATCH (g:Target {document_id: $document_id})
DETACH DELETE g
