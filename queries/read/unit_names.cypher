// description: Every unit's canonical name and aliases (for name resolution and close-match suggestions)
// params: none
MATCH (u:Unit)
RETURN u.name AS name, u.aliases AS aliases
ORDER BY name
