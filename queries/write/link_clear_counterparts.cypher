// description: Linking: delete every COUNTERPART_OF edge
// params: none
MATCH (:Unit)-[r:COUNTERPART_OF]->(:Unit)
DELETE r
