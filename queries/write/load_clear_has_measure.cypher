// description: Reload step: delete the HAS_MEASURE edges into the document's measures (re-created)
// params: document_id:str
MATCH (:Task)-[r:HAS_MEASURE]->(m:Measure {document_id: $document_id})
DELETE r
