// description: Reload step (runs before the DUE edges are cleared): delete the Deadline nodes that only this document's old version is due on and that its new version no longer uses
// params: document_id:str, keep:list
// Cost: the size of the change, not of the graph.  It starts from the document (primary
// key) and its own measures and only looks at the deadlines the new version drops ($keep = the new
// version's deadline ids), so a first load or an unchanged reload touches nothing;
// other documents' DUE edges are only counted on a dropped deadline.  Deadlines the new
// version keeps are never deleted, so the later MERGE finds them in place.
MATCH (:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[:DUE]->(d:Deadline)
WHERE NOT d.id IN $keep
WITH DISTINCT d
OPTIONAL MATCH (d)<-[:DUE]-(o:Measure)
WHERE o.document_id <> $document_id
WITH d, count(o) AS others
WHERE others = 0
DETACH DELETE d
