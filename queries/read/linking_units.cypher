// description: Linking input: every unit with its level, kind and whether it is a collective
// params: none
MATCH (u:Unit)
RETURN u.name AS name, u.level AS level, u.kind AS kind, u.collective AS collective
ORDER BY name
