// description: Linking: delete every measure-to-measure IMPLEMENTS edge
// params: none
MATCH (:Measure)-[r:IMPLEMENTS]->(:Measure)
DELETE r
