// description: Reload step: delete the DUE edges of the document's measures (re-created)
// params: document_id:str
MATCH (m:Measure {document_id: $document_id})-[r:DUE]->(:Deadline)
DELETE r
