// description: Linking: delete every document-to-document IMPLEMENTS edge
// params: none
MATCH (:Document)-[r:IMPLEMENTS]->(:Document)
DELETE r
