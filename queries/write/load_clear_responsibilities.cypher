// description: Reload step: delete the responsibility edges into the document's measures (re-created)
// params: document_id:str
MATCH (:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure {document_id: $document_id})
DELETE r
