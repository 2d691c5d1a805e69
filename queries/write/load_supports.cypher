// description: Create the SUPPORTS edges (support (配合)) from units to the document's measures (edges CREATEd: the load_clear_* steps removed the old ones)
// params: rows:list
UNWIND $rows AS row
MATCH (u:Unit {name: row.unit})
MATCH (m:Measure {id: row.measure})
// Properties inside CREATE, not a SET after it: on LadybugDB a SET on an edge created in the
// same transaction looks the edge up among the node's new edges, so a unit holding
// thousands of measures loaded in quadratic time (issue 17).
CREATE (u)-[:SUPPORTS {role: row.role, `order`: row.`order`, open_ended: row.open_ended, as_written: row.as_written}]->(m)
