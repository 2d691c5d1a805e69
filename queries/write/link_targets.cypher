// description: Linking: create Target CONTRIBUTES_TO Target edges with the share in common units and the conversion that made them common ('' when both are in one unit)
// params: rows:list
UNWIND $rows AS row
MATCH (a:Target {id: row.lower})
MATCH (b:Target {id: row.upper})
CREATE (a)-[:CONTRIBUTES_TO {share: row.share, method: row.method, conversion: row.conversion}]->(b)
