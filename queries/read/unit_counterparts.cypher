// description: A unit's counterparts at the other level (COUNTERPART_OF, either direction)
// params: name:str
// example: name=区财政局
MATCH (u:Unit {name: $name})-[:COUNTERPART_OF]-(o:Unit)
RETURN DISTINCT o.name AS name, o.level AS level, o.government AS government
ORDER BY name
