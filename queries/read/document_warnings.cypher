// description: The parse warnings kept with each loaded document (JSON text; '' or null when unknown)
// params: none
MATCH (d:Document)
RETURN d.id AS id, coalesce(d.warnings, '') AS warnings
ORDER BY id
