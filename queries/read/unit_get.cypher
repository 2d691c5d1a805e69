// description: One unit by canonical name or alias
// params: name:str
// example: name=区财政局
MATCH (u:Unit)
WHERE u.name = $name OR $name IN u.aliases
RETURN u.name AS name, u.level AS level, u.kind AS kind, u.government AS government,
       u.collective AS collective, u.aliases AS aliases
ORDER BY name
