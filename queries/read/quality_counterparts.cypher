// description: Every COUNTERPART_OF link between units (from the level linking), both ends named
// params: none
// example:
MATCH (u:Unit)-[:COUNTERPART_OF]->(o:Unit)
RETURN u.name AS unit, u.level AS level, o.name AS counterpart, o.level AS counterpart_level
ORDER BY unit, counterpart
