// description: Reload step (runs before the DUE edges are cleared): delete the Deadline nodes that only the old versions of the documents being loaded are due on and that no new version uses
// params: document_ids:list, keep:list
// Cost: the size of the change, not of the graph.  It starts from each document (primary
// key) and its own measures and only looks at the deadlines the new versions drop ($keep =
// every deadline id the new versions use), so a first load or an unchanged reload touches
// nothing; other documents' DUE edges are only counted on a dropped deadline.  Deadlines
// a new version keeps are never deleted, so the later MERGE finds them in place.  With
// several documents this leaves what loading them one after another would.
UNWIND $document_ids AS document_id
MATCH (:Document {id: document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[:DUE]->(d:Deadline)
WHERE NOT d.id IN $keep
WITH DISTINCT d
OPTIONAL MATCH (d)<-[:DUE]-(o:Measure)
WHERE NOT o.document_id IN $document_ids
WITH d, count(o) AS others
WHERE others = 0
DETACH DELETE d
